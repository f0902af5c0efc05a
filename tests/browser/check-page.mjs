// Loads one HTML page in headless Chromium and checks it the way a reader's browser
// would show it, over the DevTools protocol (a minimal WebSocket client below: Node has
// none built in, and nothing is downloaded).
//
//   node tests/browser/check-page.mjs [--screenshot FILE] [--screenshot-height PX]
//                                     [--min-svg N] PAGE.html
//
// Fails (exit 1) on a console error or assertion, an uncaught exception, an error the
// browser logs (a resource that failed to load), a network request for anything but the
// page itself, an element that loads a resource (src=, <link href>), fewer than --min-svg
// SVG charts (default 1) or an SVG that was not drawn, and, in print layout, an area that
// does not start a new page. Exit 2: the browser could not be run. Prints one line:
//   PAGE: passed (N svg charts, 0 console errors, 0 network requests)
// or the failures, one per line.

import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

const usage = "usage: check-page.mjs [--screenshot FILE] [--screenshot-height PX] [--min-svg N] PAGE.html";

function parseArgs(argv) {
  const options = { screenshot: null, screenshotHeight: 0, minSvg: 1, page: null };
  for (let i = 0; i < argv.length; ++i) {
    const a = argv[i];
    if (a === "--screenshot") options.screenshot = argv[++i];
    else if (a === "--screenshot-height") options.screenshotHeight = Number(argv[++i]);
    else if (a === "--min-svg") options.minSvg = Number(argv[++i]);
    else if (!a.startsWith("--") && !options.page) options.page = a;
    else throw new Error(usage);
  }
  if (!options.page) throw new Error(usage);
  return options;
}

// --- A minimal WebSocket client (RFC 6455): text frames, masking, fragments, ping -----------

class WebSocketClient {
  static connect(url) {
    return new Promise((resolve, reject) => {
      const u = new URL(url);
      const key = crypto.randomBytes(16).toString("base64");
      const request = http.request({
        host: u.hostname,
        port: u.port,
        path: u.pathname + u.search,
        headers: {
          Connection: "Upgrade",
          Upgrade: "websocket",
          "Sec-WebSocket-Key": key,
          "Sec-WebSocket-Version": "13",
        },
      });
      request.on("upgrade", (response, socket, head) => {
        const accept = crypto
          .createHash("sha1")
          .update(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")
          .digest("base64");
        if (response.headers["sec-websocket-accept"] !== accept) {
          socket.destroy();
          reject(new Error("websocket handshake: wrong Sec-WebSocket-Accept"));
          return;
        }
        resolve(new WebSocketClient(socket, head));
      });
      request.on("response", (response) => reject(new Error(`websocket upgrade refused: HTTP ${response.statusCode}`)));
      request.on("error", reject);
      request.end();
    });
  }

  constructor(socket, head) {
    this.socket = socket;
    this.chunks = head && head.length ? [Buffer.from(head)] : [];
    this.buffered = this.chunks.length ? this.chunks[0].length : 0;
    this.fragments = [];
    this.onmessage = () => {};
    this.onclose = () => {};
    socket.on("data", (data) => {
      this.chunks.push(data);
      this.buffered += data.length;
      this.parse();
    });
    socket.on("close", () => this.onclose());
    socket.on("error", () => {});
  }

  parse() {
    for (;;) {
      if (this.buffered < 2) return;
      const b = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
      this.chunks = [b];
      const fin = (b[0] & 0x80) !== 0;
      const opcode = b[0] & 0x0f;
      const masked = (b[1] & 0x80) !== 0;
      let length = b[1] & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (b.length < 4) return;
        length = b.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (b.length < 10) return;
        length = Number(b.readBigUInt64BE(2));
        offset = 10;
      }
      const maskAt = offset;
      if (masked) offset += 4;
      if (b.length < offset + length) return;
      let payload = b.subarray(offset, offset + length);
      if (masked) payload = Buffer.from(payload.map((x, i) => x ^ b[maskAt + (i % 4)]));
      const rest = b.subarray(offset + length);
      this.chunks = rest.length ? [rest] : [];
      this.buffered = rest.length;
      if (opcode === 0x8) {
        this.socket.end();
        return;
      }
      if (opcode === 0x9) this.write(payload, 0xa);
      if (opcode >= 0x8) continue;
      this.fragments.push(payload);
      if (fin) {
        const message = Buffer.concat(this.fragments).toString("utf8");
        this.fragments = [];
        this.onmessage(message);
      }
    }
  }

  write(payload, opcode) {
    const mask = crypto.randomBytes(4);
    let header;
    if (payload.length < 126) {
      header = Buffer.alloc(2);
      header[1] = 0x80 | payload.length;
    } else if (payload.length < 65536) {
      header = Buffer.alloc(4);
      header[1] = 0x80 | 126;
      header.writeUInt16BE(payload.length, 2);
    } else {
      header = Buffer.alloc(10);
      header[1] = 0x80 | 127;
      header.writeBigUInt64BE(BigInt(payload.length), 2);
    }
    header[0] = 0x80 | opcode;
    const body = Buffer.alloc(payload.length);
    for (let i = 0; i < payload.length; ++i) body[i] = payload[i] ^ mask[i % 4];
    this.socket.write(Buffer.concat([header, mask, body]));
  }

  send(text) {
    this.write(Buffer.from(text, "utf8"), 0x1);
  }

  close() {
    try {
      this.write(Buffer.alloc(0), 0x8);
    } catch {}
    this.socket.end();
  }
}

// --- The DevTools protocol: commands with replies, events to listeners ------------------------

class DevTools {
  constructor(ws) {
    this.ws = ws;
    this.next = 1;
    this.pending = new Map();
    this.listeners = [];
    ws.onmessage = (text) => this.dispatch(JSON.parse(text));
    ws.onclose = () => {
      for (const { reject, method } of this.pending.values()) reject(new Error(`${method}: connection closed`));
      this.pending.clear();
    };
  }

  send(method, params = {}, sessionId = undefined) {
    const id = this.next++;
    const message = { id, method, params };
    if (sessionId) message.sessionId = sessionId;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, method });
      this.ws.send(JSON.stringify(message));
    });
  }

  dispatch(message) {
    if (message.id !== undefined) {
      const call = this.pending.get(message.id);
      if (!call) return;
      this.pending.delete(message.id);
      if (message.error) call.reject(new Error(`${call.method}: ${message.error.message}`));
      else call.resolve(message.result);
      return;
    }
    for (const listener of this.listeners) listener(message);
  }

  on(listener) {
    this.listeners.push(listener);
  }
}

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Starts Chromium with a fresh profile and a DevTools port it picks; resolves to the
// process, its profile folder and the browser's WebSocket address.
function launchChromium() {
  const binary = process.env.CHROMIUM || "chromium";
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "attain-chromium-"));
  const args = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-extensions",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--mute-audio",
    "--hide-scrollbars",
    "--remote-debugging-port=0",
    `--user-data-dir=${profile}`,
    "about:blank",
  ];
  const child = spawn(binary, args, { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  const address = new Promise((resolve, reject) => {
    child.on("error", (e) => reject(new Error(`cannot start ${binary}: ${e.message}`)));
    child.on("exit", (code) => reject(new Error(`${binary} exited (${code}) before DevTools was ready:\n${stderr}`)));
    child.stderr.on("data", (data) => {
      stderr += data.toString();
      const found = /DevTools listening on (ws:\/\/\S+)/.exec(stderr);
      if (found) resolve(found[1]);
    });
  });
  return withTimeout(address, 30000, "Chromium's DevTools address").then((ws) => ({ child, profile, ws }));
}

function text(args) {
  return (args || [])
    .map((a) => (a.value !== undefined ? String(a.value) : a.description || a.type))
    .join(" ");
}

async function check(options) {
  const pagePath = path.resolve(options.page);
  if (!fs.existsSync(pagePath)) throw new Error(`no such page: ${options.page}`);
  const url = pathToFileURL(pagePath).href;
  const browser = await launchChromium();
  const problems = [];
  const counts = { console: 0, exceptions: 0, logged: 0, requests: 0 };
  let closed = false;
  try {
    const devtools = new DevTools(await WebSocketClient.connect(browser.ws));
    const { targetId } = await devtools.send("Target.createTarget", { url: "about:blank" });
    const { sessionId } = await devtools.send("Target.attachToTarget", { targetId, flatten: true });
    const send = (method, params) => withTimeout(devtools.send(method, params, sessionId), 30000, method);
    let navigated = false;
    let loaded;
    const load = new Promise((resolve) => (loaded = resolve));
    devtools.on((m) => {
      if (m.sessionId !== sessionId) return;
      const p = m.params || {};
      if (m.method === "Runtime.consoleAPICalled" && (p.type === "error" || p.type === "assert")) {
        ++counts.console;
        problems.push(`console ${p.type}: ${text(p.args)}`);
      } else if (m.method === "Runtime.exceptionThrown") {
        ++counts.exceptions;
        const d = p.exceptionDetails || {};
        problems.push(`uncaught exception: ${(d.exception && d.exception.description) || d.text}`);
      } else if (m.method === "Log.entryAdded" && p.entry.level === "error") {
        ++counts.logged;
        problems.push(`browser error: ${p.entry.text}${p.entry.url ? ` (${p.entry.url})` : ""}`);
      } else if (m.method === "Network.requestWillBeSent" && navigated) {
        if (p.request.url !== url) {
          ++counts.requests;
          problems.push(`network request: ${p.request.url}`);
        }
      } else if (m.method === "Page.loadEventFired" && navigated) {
        loaded();
      }
    });
    await send("Runtime.enable");
    await send("Log.enable");
    await send("Network.enable");
    await send("Page.enable");
    await send("Emulation.setDeviceMetricsOverride", { width: 1280, height: 900, deviceScaleFactor: 1, mobile: false });
    navigated = true;
    const nav = await send("Page.navigate", { url });
    if (nav.errorText) throw new Error(`cannot load ${url}: ${nav.errorText}`);
    await withTimeout(load, 30000, "the page's load event");
    await sleep(500);  // late console messages and timers

    const facts = async (expression) => {
      const r = await send("Runtime.evaluate", { expression, returnByValue: true });
      if (r.exceptionDetails) throw new Error(`evaluating in the page: ${r.exceptionDetails.text}`);
      return r.result.value;
    };
    const page = await facts(`(() => {
      const svgs = [...document.querySelectorAll("svg")];
      const drawn = svgs.filter((s) => {
        const box = s.getBoundingClientRect();
        return box.width > 0 && box.height > 0 && s.getBBox().width > 0;
      });
      return {
        href: location.href,
        svg: svgs.length,
        drawn: drawn.length,
        resources: [...document.querySelectorAll("[src], link[href], object[data], embed, iframe")]
          .map((e) => e.outerHTML.slice(0, 120)),
        loadedResources: performance.getEntriesByType("resource").map((e) => e.name),
      };
    })()`);
    if (page.href !== url) problems.push(`the page shown is ${page.href}, not ${url}`);
    if (page.svg < options.minSvg) problems.push(`${page.svg} svg charts, expected at least ${options.minSvg}`);
    if (page.drawn !== page.svg) problems.push(`${page.svg - page.drawn} of ${page.svg} svg charts were not drawn`);
    for (const r of page.resources) problems.push(`element loads a resource: ${r}`);
    for (const r of page.loadedResources) {
      if (!problems.includes(`network request: ${r}`)) {
        ++counts.requests;
        problems.push(`network request: ${r}`);
      }
    }

    if (options.screenshot) {
      const metrics = await send("Page.getLayoutMetrics");
      const full = Math.ceil((metrics.cssContentSize || metrics.contentSize).height);
      const height = options.screenshotHeight > 0 ? Math.min(full, options.screenshotHeight) : full;
      const shot = await send("Page.captureScreenshot", {
        format: "png",
        captureBeyondViewport: true,
        clip: { x: 0, y: 0, width: 1280, height, scale: 1 },
      });
      fs.writeFileSync(options.screenshot, Buffer.from(shot.data, "base64"));
    }

    // Print layout: every area starts a page.
    await send("Emulation.setEmulatedMedia", { media: "print" });
    const print = await facts(`(() => {
      const areas = [...document.querySelectorAll("section.area")];
      return { areas: areas.length,
               breaking: areas.filter((a) => getComputedStyle(a).breakBefore === "page").length };
    })()`);
    if (print.breaking !== print.areas)
      problems.push(`print: ${print.areas - print.breaking} of ${print.areas} areas do not start a new page`);

    closed = await withTimeout(devtools.send("Browser.close"), 5000, "Browser.close").then(() => true, () => false);
    const summary =
      `${page.svg} svg charts, ${counts.console} console errors, ${counts.exceptions} uncaught exceptions, ` +
      `${counts.requests} network requests`;
    return { problems, summary };
  } finally {
    if (browser.child.exitCode === null) {
      if (!closed) browser.child.kill("SIGTERM");
      const exited = new Promise((resolve) => browser.child.once("exit", resolve));
      await withTimeout(exited, 5000, "Chromium to exit").catch(() => browser.child.kill("SIGKILL"));
    }
    fs.rmSync(browser.profile, { recursive: true, force: true });
  }
}

let options;
try {
  options = parseArgs(process.argv.slice(2));
} catch (e) {
  console.error(e.message);
  process.exit(2);
}
check(options).then(
  ({ problems, summary }) => {
    const name = path.basename(options.page);
    if (problems.length === 0) {
      console.log(`${name}: passed (${summary})`);
      process.exit(0);
    }
    for (const p of problems) console.log(`${name}: ${p}`);
    console.log(`${name}: failed (${summary})`);
    process.exit(1);
  },
  (e) => {
    console.error(`check-page: ${e.message}`);
    process.exit(2);
  },
);
