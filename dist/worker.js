import { createRequire as __secpolicyCreateRequire } from 'node:module'; const require = __secpolicyCreateRequire(import.meta.url);
import{p as o}from"./chunk-YACZFXQN.js";import"./chunk-W5CRMTGX.js";import{parentPort as r}from"node:worker_threads";var e=r;if(!e)throw new Error("secpolicy-lint: worker.js runs only as a worker thread");e.on("message",t=>{o(t.work).then(s=>{t.keepSource||(s.source=""),e.postMessage({seq:t.seq,result:s})},s=>{e.postMessage({seq:t.seq,error:s instanceof Error?s.stack??s.message:String(s)})})});e.postMessage({ready:!0});
//# sourceMappingURL=worker.js.map
