// Preloaded with `node --import`: every way to open a socket or resolve a name throws, and the attempt is
// recorded on standard error so a test can see it even if the linter swallowed the error.
import { syncBuiltinESMExports } from "node:module";
import dgram from "node:dgram";
import dns from "node:dns";
import http from "node:http";
import http2 from "node:http2";
import https from "node:https";
import net from "node:net";
import tls from "node:tls";

function deny(name) {
  return () => {
    process.stderr.write(`NETWORK ATTEMPT: ${name}\n`);
    throw new Error(`network access is forbidden in this test (${name})`);
  };
}
const targets = {
  net: [net, ["connect", "createConnection", "createServer"]],
  tls: [tls, ["connect", "createServer"]],
  http: [http, ["request", "get", "createServer"]],
  https: [https, ["request", "get", "createServer"]],
  http2: [http2, ["connect", "createServer", "createSecureServer"]],
  dgram: [dgram, ["createSocket"]],
  dns: [dns, ["lookup", "resolve", "resolve4", "resolve6", "resolveAny", "resolveMx", "resolveTxt", "reverse"]],
  "dns.promises": [dns.promises, ["lookup", "resolve", "resolve4", "resolve6", "resolveAny", "resolveMx", "resolveTxt", "reverse"]],
};
for (const [name, [mod, fns]] of Object.entries(targets)) for (const fn of fns) mod[fn] = deny(`${name}.${fn}`);
net.Socket.prototype.connect = deny("net.Socket.connect");
globalThis.fetch = deny("fetch");
globalThis.WebSocket = deny("WebSocket");
syncBuiltinESMExports();
