x = [1, 2
y = %{a: }
fn -> -> end
"unterminated #{
