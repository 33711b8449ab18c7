#!/usr/bin/env node
// Patches the installed Azurite 3.37.0 so its garbage collector deletes a pass's extents in one LokiJS call.
//
// Why: Azurite's queue (and blob) GC pass deletes stored message bodies one at a time through LokiJS
// findAndRemove, which rebuilds the collection's index on every call. The pass is O(n^2) in the messages a
// Durable Task workload wrote, and the single-threaded emulator answers nothing for 15-150 s. Deleting the
// pass's ids with one findAndRemove({ id: { $in: ids } }) removes the stalls. See README.md beside this file.
//
// Safety: each file is checked by SHA-256 before and after. A file that is neither the 3.37.0 original nor
// already patched (another Azurite version) fails loudly instead of being half-patched.
// Usage: node patch-azurite.js            (after npm ci; running it again is a no-op)
//        node patch-azurite.js --hashes   (prints the current hashes, for updating this file on purpose)
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");

const root = path.join(__dirname, "node_modules", "azurite", "dist", "src", "common", "persistence");

const batchDelete = `
    async deleteExtentsBatch(extentIds) {
        const coll = this.db.getCollection(this.EXTENTS_COLLECTION);
        return coll.findAndRemove({ id: { $in: extentIds } });
    }
    iteratorExtents() {`;

const deleteMetadata = `
        if (typeof this.metadataStore.deleteExtentsBatch === "function") {
            await this.metadataStore.deleteExtentsBatch(deleted);
        }
        else {
            for (const id of deleted) {
                await this.metadataStore.deleteExtent(id);
            }
        }
        return count;`;

const patches = [
  {
    file: "LokiExtentMetadataStore.js",
    original: "d4d2f3030ecce9f4264e196f8c7e89c1209ae2f3466e200e62807162bf0509b3",
    patched: "924e2d8ee0635b975445ce5a71d1d80b1556ce1e7a14527e17db5145f0c59653",
    edits: [["\n    iteratorExtents() {", batchDelete]],
  },
  {
    file: "MemoryExtentStore.js",
    original: "7537f3438eb392b43a352cb1d6bce3b6360ddc4967617a68bce6da6f42b8c1b9",
    patched: "c1c64e713eae94b64ad11ee246206c5613dda6e98bc40ab8d4535388376e59a5",
    edits: [
      ["        let count = 0;\n        for (const id of extents) {\n            this.logger.info(",
       "        let count = 0;\n        const deleted = [];\n        for (const id of extents) {\n            this.logger.debug("],
      ["            await this.metadataStore.deleteExtent(id);\n            this.logger.debug(`MemoryExtentStore:deleteExtents() Deleted extent:${id} totalSize:${this.chunks.totalSize()}`);\n            count++;\n        }\n        return count;",
       "            deleted.push(id);\n            count++;\n        }" + deleteMetadata],
    ],
  },
  {
    file: "FSExtentStore.js",
    original: "f2f01af5dc0d15baf5a50bd678dc98d2da4f94df4fcf47111d2f2bfcbe838b63",
    patched: "e8f4544f57c6e7bbd91eee8671a4f2abf7e9d632a0096c40a8ce27e3e20377fe",
    edits: [
      ["        let count = 0;\n        for (const id of extents) {\n            // Should not delete active write extents",
       "        let count = 0;\n        const deleted = [];\n        for (const id of extents) {\n            // Should not delete active write extents"],
      ["                await unlinkAsync(path);\n                await this.metadataStore.deleteExtent(id);\n            }\n            catch (err) {\n                if (err.code === \"ENOENT\") {\n                    await this.metadataStore.deleteExtent(id);\n                }\n            }\n            count++;\n        }\n        return count;",
       "                await unlinkAsync(path);\n                deleted.push(id);\n            }\n            catch (err) {\n                if (err.code === \"ENOENT\") {\n                    deleted.push(id);\n                }\n            }\n            count++;\n        }" + deleteMetadata],
    ],
  },
];

const sha256 = (text) => crypto.createHash("sha256").update(text, "utf8").digest("hex");

function patch({ file, original, patched, edits }) {
  const full = path.join(root, file);
  if (!fs.existsSync(full)) {
    throw new Error(`${full} does not exist: run 'npm ci' in ${__dirname} first.`);
  }
  let text = fs.readFileSync(full, "utf8");
  const before = sha256(text);
  if (before === patched) {
    return `${file}: already patched`;
  }
  if (before !== original) {
    throw new Error(`${file} has SHA-256 ${before}; expected the Azurite 3.37.0 original ${original} or the patched ${patched}. ` +
      "A different Azurite version is installed: check the patch still applies and update the hashes in patch-azurite.js.");
  }
  for (const [from, to] of edits) {
    const at = text.indexOf(from);
    if (at < 0 || text.indexOf(from, at + 1) >= 0) {
      throw new Error(`${file}: the text to replace is not there exactly once: ${from.slice(0, 80)}...`);
    }
    text = text.slice(0, at) + to + text.slice(at + from.length);
  }
  const after = sha256(text);
  if (after !== patched) {
    throw new Error(`${file}: the patched file has SHA-256 ${after}, expected ${patched}; not written.`);
  }
  fs.writeFileSync(full, text, "utf8");
  return `${file}: patched`;
}

if (process.argv.includes("--hashes")) {
  for (const { file } of patches) {
    console.log(`${file} ${sha256(fs.readFileSync(path.join(root, file), "utf8"))}`);
  }
} else {
  for (const p of patches) {
    console.log(patch(p));
  }
}
