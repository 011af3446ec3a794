// em-node-prejs.js -- --pre-js of the Emscripten programs run under Node
// (tests and the CLI). Emscripten 3.1.6's loader calls fetch() on the .wasm
// file path when fetch exists, which fails under Node 18+ ("Failed to parse
// URL"); hiding fetch makes it read the file with fs instead
// (TOOLCHAIN.md quirk 3). Browsers are unaffected.
if (typeof process === 'object' && process.versions && process.versions.node) {
  var fetch = undefined; // eslint-disable-line no-var, no-unused-vars
}
