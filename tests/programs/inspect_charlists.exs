# Lists of integers shown as charlists when every element is printable, and as lists otherwise; charlist escapes and unicode.
lists = ['abc', [97, 98, 99], [7, 8, 9, 10, 11, 12, 13], [27], [0], [1, 2, 3], [31], [32], [126], [127], [128], [160], [255], [256],
  [955, 956], [0x1F600], [?a, -1], [?a, 1.0], [?a | ?b], ['a'], [[97]], '', [], 'a\nb', 'tab\there', 'quote"s', 'single\'s', '\\',
  '#{1}', [?#, ?{], 'é', [233], [0x10FFFF], [0x110000], [0xD800], 'hello world', Enum.to_list(32..126)]
Enum.each(lists, fn l -> IO.puts(inspect(l)) end)
IO.inspect([104, 101, 108, 108, 111])
IO.inspect({'ok', [1, 2]})
IO.inspect(%{'key' => 'value'})
IO.inspect(Enum.map([1, 2, 3], &(&1 + ?a)))
IO.inspect(String.to_charlist("héllo"))
IO.inspect(Atom.to_charlist(:abc))
IO.inspect(Integer.to_charlist(123))
IO.inspect(List.to_string('abc'))
IO.inspect(is_list('abc'))
IO.inspect(length('héllo'))
IO.inspect('abc' ++ 'def')
IO.inspect('abc' -- 'b')
IO.inspect(Enum.reverse('abc'))
IO.inspect(hd('abc'))
