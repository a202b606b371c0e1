// The demo page's first script, before the reader's wasm arrives. A file of
// its own, not inline, so the page can be served under a strict
// Content-Security-Policy (docs/embedding.md, "Content-Security-Policy").
// Start fetching the feed while the wasm downloads; the reader takes
// this answer instead of asking again (src/app/services/feed.rs).
(function () {
  var params = new URLSearchParams(location.search);
  var src = params.get("src") || "issues/index.json";
  // Only a feed on this page's own origin: anything else in the
  // address is checked by the reader, which may refuse it, and a
  // refused address must not even be asked (docs/security.md).
  var url = null;
  try { url = new URL(src, location.href); } catch (e) {}
  if (url && url.origin === location.origin && /^https?:$/.test(url.protocol)) {
    var prefetch = (window.__newsletterWidgetPrefetch = window.__newsletterWidgetPrefetch || {});
    prefetch[url.href] = fetch(url.href).catch(function () { return null; });
  }
  // The pre-rendered issue below is the newest one, unfiltered, in
  // English: hide it when the address asks for another view.
  if (params.has("src") || params.has("locale") || location.hash.length > 1) {
    document.documentElement.classList.add("nw-view-custom");
  }
})();
