// Spotcheck's page side of offline use (served as offline.js, after go-app's app.js, which
// registers the worker). It tells the app two things, as window events and as state:
//
//   window.spotcheckOffline = {ready, version, updateAvailable, reload()}
//   "spotcheck:offline-ready"     everything for a full triage is cached (detail.version);
//                                 <html data-offline="ready"> from then on
//   "spotcheck:update-available"  a new Version is installed and active (detail.version):
//                                 offer "a new version is available, reload";
//                                 <html data-update="available"> from then on
//
// The events may fire before the wasm starts: read the state first, then listen.
// reload() loads the page again, which then runs the new Version.
(function () {
  "use strict";
  const state = {
    ready: false,
    version: "",
    updateAvailable: false,
    reload: () => window.location.reload(),
  };
  window.spotcheckOffline = state;
  if (!("serviceWorker" in navigator)) {
    return;
  }
  const sw = navigator.serviceWorker;
  const root = document.documentElement;
  const hadController = !!sw.controller;

  function emit(name, detail) {
    window.dispatchEvent(new CustomEvent(name, { detail: detail }));
  }

  // status asks a worker whether its cache is complete.
  function status(worker) {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      const timer = setTimeout(() => resolve(null), 10000);
      channel.port1.onmessage = (event) => {
        clearTimeout(timer);
        resolve(event.data);
      };
      worker.postMessage({ type: "spotcheck:status" }, [channel.port2]);
    });
  }

  async function checkReady() {
    const registration = await sw.ready; // an active worker: its install cached everything
    const s = registration.active && await status(registration.active);
    if (!s || !s.complete) {
      return;
    }
    if (!sw.controller) {
      // The first visit: have the worker take this page over, so that what it fetches from
      // now on (images of later screens) comes from the cache, not the network.
      const claimed = new Promise((resolve) => {
        sw.addEventListener("controllerchange", resolve, { once: true });
        setTimeout(resolve, 5000);
      });
      registration.active.postMessage({ type: "spotcheck:claim" });
      await claimed;
    }
    const first = !state.ready;
    state.ready = true;
    state.version = s.version;
    root.dataset.offline = "ready";
    if (first) {
      emit("spotcheck:offline-ready", { version: s.version });
    }
  }

  // A page that was controlled at load and gets a new controller is running an old Version:
  // the new worker installed (a complete cache) and took over.
  sw.addEventListener("controllerchange", async () => {
    if (!hadController || !sw.controller) {
      return;
    }
    const s = await status(sw.controller);
    state.updateAvailable = true;
    state.version = s ? s.version : state.version;
    root.dataset.update = "available";
    emit("spotcheck:update-available", { version: state.version });
    checkReady();
  });

  // The browser looks for a new worker at each visit; a page left open looks again when it
  // is shown after an hour or more.
  let lastCheck = Date.now();
  document.addEventListener("visibilitychange", async () => {
    if (document.visibilityState !== "visible" || Date.now() - lastCheck < 3600 * 1000) {
      return;
    }
    lastCheck = Date.now();
    const registration = await sw.getRegistration();
    if (registration) {
      registration.update().catch(() => {});
    }
  });

  checkReady();
})();
