// Progressive enhancement only: every page works without this file.
// A "copy link" button (hidden without JavaScript) copies the page's address, the link to share.
document.querySelectorAll("button[data-copy-link]").forEach(function (button) {
  if (!navigator.clipboard) return;
  button.hidden = false;
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(window.location.href).then(function () {
      button.textContent = button.dataset.copied;
    });
  });
});
