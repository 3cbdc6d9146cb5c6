// jest's module runtime (`runtime` of both presets), keeping from one test file to the next what a worker
// reads and transforms. Jest gives each test file a fresh module registry, which is the isolation
// the specs rely on, and with it fresh caches: every file read again, from disk, the same few thousand modules
// (TypeORM, zod, express, our libs), looked their transform up again in the cache folder, and had V8 parse
// them again. Here a worker keeps, for its lifetime, each file's text and its transformed code (the files do not
// change during a run). Compiling is left to jest: V8 already reuses the compiled code of a source it has seen.
// Each module is still evaluated afresh in each test file's own context: no state is shared between files.
'use strict';
const Runtime = require('jest-runtime').default;

/** filename → its text, as jest's own per-file cache holds it. */
const texts = new Map();
/** filename and transform options → the transformed file jest's transformer returned. */
const transforms = new Map();

class KeepingRuntime extends Runtime {
  readFile(filename) {
    let text = texts.get(filename);
    if (text === undefined) {
      text = super.readFile(filename);
      texts.set(filename, text);
    }
    return text;
  }

  transformFile(filename, options) {
    if (options?.isInternalModule) return super.transformFile(filename, options);
    const key = `${filename}\0${JSON.stringify(this._getFullTransformationOptions(options))}`;
    const kept = transforms.get(key);
    if (!kept) {
      const code = super.transformFile(filename, options);
      transforms.set(key, this._fileTransforms.get(filename));
      return code;
    }
    // What jest's own transformFile records about the file (source maps for stack traces).
    this._fileTransforms.set(filename, kept);
    if (kept.sourceMapPath) this._sourceMapRegistry.set(filename, kept.sourceMapPath);
    return kept.code;
  }
}

module.exports = KeepingRuntime;
