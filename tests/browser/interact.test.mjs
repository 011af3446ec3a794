// interact.test.mjs -- live interaction, endless loops, Stop and bad code in
// headless Chromium (issue 5: interaction and quality).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, setup } from './helpers.mjs';

const env = setup();

const el = 'document.querySelector("beamlet-playground")';
const status = (page) => page.evaluate(`${el}.shadowRoot.querySelector('.msg').textContent`);
const consoleText = (page) => page.evaluate(`${el}.shadowRoot.querySelector('.console').textContent`);

/** Put code in the editor and press Run; wait until the run is live. */
async function runCode(page, code) {
  await page.waitForFunction(() => document.querySelector('beamlet-playground')?.shadowRoot?.querySelector('.cm-editor'), null, { timeout: 20000 });
  await page.evaluate((code) => { const e = document.querySelector('beamlet-playground'); e.setCode(code); e.shadowRoot.querySelector('.run').click(); }, code);
  await page.waitForFunction(() => { const e = document.querySelector('beamlet-playground'); return e.run_ || /error|could not/.test(e.shadowRoot.querySelector('.msg').textContent); }, null, { timeout: 20000 });
}

/** Follow the live story to its end (speed max) so the views show the latest state. */
async function follow(page) {
  await page.evaluate(() => { const e = document.querySelector('beamlet-playground'); e.player.setSpeed(Infinity); e.play(); });
}

const waitFor = (page, fn, arg) => page.waitForFunction(fn, arg, { timeout: 20000 });

test('send a typed term to a name and a pid, kill a process and watch the link react', async () => {
  const { page, errors } = await open(env.ctx, env.iso.url);
  await runCode(page, `Process.flag(:trap_exit, true)
echo = spawn_link(fn ->
  loop = fn f ->
    receive do
      {:hello, n} -> IO.puts("echo got hello #{n}")
      other -> IO.puts("echo got #{inspect(other)}")
    end
    f.(f)
  end
  loop.(loop)
end)
Process.register(echo, :echo)
keeper = spawn(fn -> receive do :never -> :ok end end)
Process.register(keeper, :keeper)
receive do
  {:EXIT, ^echo, reason} -> IO.puts("main saw echo exit: #{inspect(reason)}")
end
receive do :never -> :ok end
`);
  await follow(page);
  await waitFor(page, () => document.querySelector('beamlet-playground').log.events.some((e) => e.type === 'register' && /keeper/.test(e.text)));
  // the send control: a term typed as Elixir, to a registered name
  await page.evaluate(() => {
    const r = document.querySelector('beamlet-playground').shadowRoot;
    r.querySelector('.interact .to').value = ':echo';
    r.querySelector('.interact .term').value = '{:hello, 42}';
    r.querySelector('form.interact button[type=submit]').click();
  });
  await waitFor(page, () => /echo got hello 42/.test(document.querySelector('beamlet-playground').shadowRoot.querySelector('.console').textContent));
  // to a pid: the keeper never receives, so its mailbox count grows
  const keeper = await page.evaluate(() => { const e = document.querySelector('beamlet-playground'); return e.log.events.find((x) => x.type === 'register' && /keeper/.test(x.text)).pid; });
  await page.evaluate((pid) => {
    const r = document.querySelector('beamlet-playground').shadowRoot;
    r.querySelector('.interact .to').value = pid;
    r.querySelector('.interact .term').value = '%{note: "hi", list: [1, 2.5, :x]}';
    r.querySelector('form.interact button[type=submit]').click();
  }, keeper);
  await waitFor(page, (pid) => { const e = document.querySelector('beamlet-playground'); return e.log.worldAt(e.log.events.length).procs.get(pid)?.mailbox.length === 1; }, keeper);
  assert.match(await status(page), /sent/);
  // a bad term is reported, not thrown
  await page.evaluate(() => document.querySelector('beamlet-playground').sendTerm(':echo', '{:oops,'));
  assert.match(await status(page), /send failed/);
  // kill the selected echo process with a reason: it crashes, main (linked, trapping) hears it
  const echo = await page.evaluate(() => { const e = document.querySelector('beamlet-playground'); return e.log.events.find((x) => x.type === 'register' && /echo/.test(x.text)).pid; });
  const procsBefore = await page.evaluate(() => document.querySelector('beamlet-playground').log.order.slice());
  await page.evaluate((pid) => {
    const e = document.querySelector('beamlet-playground');
    e.select(pid);
    e.shadowRoot.querySelector('.interact .reason').value = ':boom';
    e.shadowRoot.querySelector('.interact .kill').click();
  }, echo);
  await waitFor(page, () => /main saw echo exit: :boom/.test(document.querySelector('beamlet-playground').shadowRoot.querySelector('.console').textContent));
  await waitFor(page, (pid) => { const e = document.querySelector('beamlet-playground'); return e.log.worldAt(e.log.events.length).procs.get(pid)?.status === 'crashed'; }, echo);
  await page.evaluate(() => { const e = document.querySelector('beamlet-playground'); e.seek(e.log.events.length); e.showTab('table'); });
  await waitFor(page, (pid) => [...document.querySelector('beamlet-playground').shadowRoot.querySelectorAll('.ptable tbody tr')].some((tr) => tr.textContent.includes(pid.replace('#PID', '')) && tr.textContent.includes('crashed')), echo);
  assert.ok((await consoleText(page)).includes('main saw echo exit'));
  // the exit signal came from the host (rt.exit): no helper process appeared
  const procsAfter = await page.evaluate(() => document.querySelector('beamlet-playground').log.order.slice());
  assert.deepEqual(procsAfter, procsBefore, 'no extra process after the kill');
  const rows = await page.evaluate(() => document.querySelector('beamlet-playground').shadowRoot.querySelectorAll('.ptable tbody tr[data-pid]').length);
  assert.equal(rows, procsBefore.length, 'the process table lists no extra process');
  // a bad pid or reason is reported, not thrown
  await page.evaluate(() => document.querySelector('beamlet-playground').kill('#PID<0.1.0>', '{:oops,'));
  assert.match(await status(page), /kill failed/);
  await page.evaluate(() => document.querySelector('beamlet-playground').stop());
  assert.deepEqual(errors, []);
  await page.close();
});

test('an endless loop keeps the page responsive and Stop always works', async () => {
  const { page, errors } = await open(env.ctx, env.iso.url);
  await runCode(page, `spawn(fn -> loop = fn f -> f.(f) end; loop.(loop) end)
ticker = spawn(fn ->
  tick = fn t, n ->
    IO.puts("tick #{n}")
    Process.sleep(1)
    t.(t, n + 1)
  end
  tick.(tick, 1)
end)
Process.register(ticker, :ticker)
receive do :never -> :ok end
`);
  await follow(page);
  // other processes still run and print while the loop spins
  // (the console keeps the latest lines: look for any tick from the 5th on)
  await waitFor(page, () => [...document.querySelector('beamlet-playground').shadowRoot.querySelector('.console').textContent.matchAll(/tick (\d+)/g)].some((m) => Number(m[1]) >= 5)).catch(async (err) => {
    console.log(errors, await page.evaluate(() => { const e = document.querySelector('beamlet-playground'); return JSON.stringify({ seen: e.log.seen, n: e.log.events.length, cursor: e.player.cursor, playing: e.player.playing, outputs: e.log.consoleIdx.length, tail: e.log.events.slice(-3).map((x) => `${x.type} ${x.pid} ${x.extra} ${x.time}`), msg: e.shadowRoot.querySelector('.msg').textContent, con: e.shadowRoot.querySelector('.console').textContent.slice(-120) }); }));
    throw err;
  });
  // the page answers (generous deadline: a frozen main thread never would)
  for (let k = 0; k < 3; k++) {
    const r = await Promise.race([page.evaluate(() => 1 + 1), new Promise((res) => setTimeout(() => res('timeout'), 5000))]);
    assert.equal(r, 2);
  }
  const frames = await page.evaluate(() => document.querySelector('beamlet-playground').frames);
  await waitFor(page, (f) => document.querySelector('beamlet-playground').frames > f + 2, frames);
  // Stop ends the run
  await page.evaluate(() => document.querySelector('beamlet-playground').shadowRoot.querySelector('.stop').click());
  await waitFor(page, () => { const e = document.querySelector('beamlet-playground'); return e.log.ended && !e.run_ && /stopped/.test(e.shadowRoot.querySelector('.msg').textContent); }).catch(async (err) => {
    console.log(await page.evaluate(() => { const e = document.querySelector('beamlet-playground'); return JSON.stringify({ exits: e.log.events.filter((x) => x.type === "exit" || x.type === "header").slice(0, 5), ended: e.log.ended, run: !!e.run_, n: e.log.events.length, msg: e.shadowRoot.querySelector('.msg').textContent }); }));
    throw err;
  });
  const n = await page.evaluate(() => document.querySelector('beamlet-playground').log.events.length);
  await page.evaluate(() => new Promise((r) => setTimeout(r, 300)));
  assert.equal(await page.evaluate(() => document.querySelector('beamlet-playground').log.events.length), n, 'no events after Stop');
  assert.equal(await page.evaluate(() => document.querySelector('beamlet-playground').shadowRoot.querySelector('.stop').disabled), true);
  // and a new Run works
  await runCode(page, 'IO.puts("after stop: fine")\n');
  await follow(page);
  await waitFor(page, () => { const e = document.querySelector('beamlet-playground'); return e.log.ended && /after stop: fine/.test(e.shadowRoot.querySelector('.console').textContent); }).catch(async (err) => {
    console.log(await page.evaluate(() => { const e = document.querySelector('beamlet-playground'); return JSON.stringify({ ended: e.log.ended, n: e.log.events.length, msg: e.shadowRoot.querySelector('.msg').textContent, con: e.shadowRoot.querySelector('.console').textContent.slice(-300) }); }));
    throw err;
  });
  assert.doesNotMatch(await consoleText(page), /tick/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('bad code shows a positioned compile error and the page survives', async () => {
  const { page, errors } = await open(env.ctx, env.iso.url);
  await runCode(page, 'IO.puts("ok")\nx = (1 +\n');
  await waitFor(page, () => document.querySelector('beamlet-playground').shadowRoot.querySelector('.msg').classList.contains('error'));
  const msg = await status(page);
  assert.match(msg, /:\d+:\d+:|line \d+/, msg);
  assert.equal(await page.evaluate(() => document.querySelector('beamlet-playground').shadowRoot.querySelector('.stop').disabled), true);
  // the page still runs good code afterwards
  await runCode(page, 'IO.puts("recovered")\n');
  await follow(page);
  await waitFor(page, () => /recovered/.test(document.querySelector('beamlet-playground').shadowRoot.querySelector('.console').textContent));
  assert.deepEqual(errors, []);
  await page.close();
});
