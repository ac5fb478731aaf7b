// Preloaded with `node --require` by test/unit/noNetwork.test.ts: every attempt to reach the network is appended to the
// file named by NO_NETWORK_LOG (one JSON line each) and then fails. Local pipes and unix sockets stay allowed: they are
// how a parent talks to this process, not the network.
"use strict";
const fs = require("node:fs");
const net = require("node:net");
const tls = require("node:tls");
const dns = require("node:dns");
const http = require("node:http");
const https = require("node:https");

const logFile = process.env.NO_NETWORK_LOG;

function record(api, target) {
  const line = JSON.stringify({ api, target: String(target), pid: process.pid }) + "\n";
  if (logFile) fs.appendFileSync(logFile, line);
  const error = new Error(`network access blocked by the test (${api} ${target})`);
  error.code = "ENETUNREACH";
  throw error;
}

/** A path (unix socket, named pipe) rather than a host and port. */
function isLocalPipe(args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (typeof first === "string" && Number.isNaN(Number(first))) return true;
  return typeof first === "object" && first !== null && (typeof first.path === "string" || typeof first.fd === "number");
}

function describeTarget(args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (typeof first === "object" && first !== null) return `${first.host ?? "localhost"}:${first.port}`;
  return `${typeof args[1] === "string" ? args[1] : "localhost"}:${first}`;
}

const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function connect(...args) {
  if (isLocalPipe(args)) return originalConnect.apply(this, args);
  return record("net.Socket.connect", describeTarget(args));
};

const originalTlsConnect = tls.connect;
tls.connect = function connect(...args) {
  if (isLocalPipe(args)) return originalTlsConnect.apply(this, args);
  return record("tls.connect", describeTarget(args));
};

for (const name of ["lookup", "resolve", "resolve4", "resolve6", "resolveAny"]) {
  dns[name] = (hostname) => record(`dns.${name}`, hostname);
  dns.promises[name] = async (hostname) => record(`dns.promises.${name}`, hostname);
}

function requestTarget(input) {
  if (typeof input === "string" || input instanceof URL) return String(input);
  return `${input?.protocol ?? ""}//${input?.hostname ?? input?.host ?? "localhost"}:${input?.port ?? ""}${input?.path ?? ""}`;
}

for (const [label, module] of [["http", http], ["https", https]]) {
  module.request = (input) => record(`${label}.request`, requestTarget(input));
  module.get = (input) => record(`${label}.get`, requestTarget(input));
}

if (typeof globalThis.fetch === "function") {
  globalThis.fetch = async (input) => record("fetch", typeof input === "string" ? input : input?.url ?? String(input));
}
