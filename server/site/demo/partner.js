// The demo partner's own script: it lists every message the checker's frame sends (as
// window.spotcheckMessages too, for the tests) and sends the frame a reset.
(function () {
  "use strict";
  const app = document.currentScript.dataset.app;
  const seen = [];
  window.spotcheckMessages = seen;
  window.addEventListener("message", (event) => {
    if (event.origin !== app) {
      return;
    }
    seen.push(event.data);
    const item = document.createElement("li");
    item.textContent = JSON.stringify(event.data);
    document.getElementById("messages").appendChild(item);
  });
  document.addEventListener("DOMContentLoaded", () => {
    document.getElementById("reset").addEventListener("click", () => {
      const frame = document.querySelector("[data-spotcheck] iframe");
      frame.contentWindow.postMessage({ type: "spotcheck:reset" }, app);
    });
  });
})();
