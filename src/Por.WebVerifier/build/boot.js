(async () => {
  "use strict";
  const status = document.getElementById("boot-status");
  try {
    const index = JSON.parse(document.getElementById("por-index").textContent);
    const packed = Uint8Array.from(atob(document.getElementById("por-payload").textContent.trim()), c => c.charCodeAt(0));
    const all = new Uint8Array(await new Response(new Blob([packed]).stream().pipeThrough(new DecompressionStream("gzip"))).arrayBuffer());
    const files = new Map(index.map(([name, offset, length]) => [name, all.subarray(offset, offset + length)]));
    const modules = new Map();
    globalThis.porVerifyBase = new URL("_framework/dotnet.js", document.baseURI).href;
    await Blazor.start({
      loadBootResource(type, name) {
        const bytes = files.get(name);
        if (!bytes) {
          throw new Error("por-verify: " + name + " is not embedded in this page");
        }
        if (type === "dotnetjs") {
          if (!modules.has(name)) {
            modules.set(name, URL.createObjectURL(new Blob([bytes], { type: "text/javascript" })));
          }
          return modules.get(name);
        }
        const contentType = type === "dotnetwasm" ? "application/wasm" : "application/octet-stream";
        return Promise.resolve(new Response(bytes, { headers: { "content-type": contentType } }));
      },
    });
  } catch (e) {
    status.textContent = "The verifier could not start in this browser: " + e;
    status.setAttribute("data-failed", "true");
  }
})();
