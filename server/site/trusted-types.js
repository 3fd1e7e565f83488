// Spotcheck's Trusted Types policy (served as /trusted-types.js). The Content-Security-Policy
// says require-trusted-types-for 'script' and trusted-types default: a string given to a
// script sink (a script URL, HTML, script text) goes through this one "default" policy. The
// page loads it as its only blocking script, so it runs before go-app's deferred app.js,
// whose navigator.serviceWorker.register("/app-worker.js") is the one sink the app uses.
// It lets through script URLs of our own origin and nothing else (and not the worker inside a
// frame); with no createHTML and no createScript, HTML and script strings are refused.
(function () {
  "use strict";
  if (!window.trustedTypes || !window.trustedTypes.createPolicy) {
    return; // a browser without Trusted Types has no sinks to guard
  }
  window.trustedTypes.createPolicy("default", {
    createScriptURL: function (url) {
      const u = new URL(url, document.baseURI);
      if (u.origin !== window.location.origin) {
        throw new TypeError("Spotcheck loads scripts from its own origin only, not " + u.origin);
      }
      if (window.parent !== window && u.pathname.endsWith("/app-worker.js")) {
        // In a partner's frame the worker's cache would be partitioned per partner (or
        // refused): the app runs without it there; offline use belongs to the full window.
        throw new TypeError("Spotcheck runs without its service worker inside a frame");
      }
      return u.href;
    },
  });
})();
