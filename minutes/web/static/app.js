// Progressive enhancement only: every page works without this file.
// "/" outside a text field moves the focus to the search field, as on many search sites.
document.addEventListener("keydown", function (event) {
  if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
  var active = document.activeElement;
  if (active && (active.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName))) return;
  var field = document.getElementById("q");
  if (field) { event.preventDefault(); field.focus(); field.select(); }
});
