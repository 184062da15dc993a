import { createRequire as __secpolicyCreateRequire } from 'node:module'; const require = __secpolicyCreateRequire(import.meta.url);
import{r}from"./chunk-G4YM66HK.js";import"./chunk-65T6NBIS.js";import{parentPort as t}from"node:worker_threads";var o=t;if(!o)throw new Error("secpolicy-lint: worker.js runs only as a worker thread");o.on("message",e=>{r(e.work).then(s=>{e.keepSource||(s.source=""),o.postMessage({seq:e.seq,result:s})},s=>{o.postMessage({seq:e.seq,error:s instanceof Error?s.stack??s.message:String(s)})})});
//# sourceMappingURL=worker.js.map
