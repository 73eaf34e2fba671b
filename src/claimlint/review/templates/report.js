"use strict";
(function () {
  var findings = Array.prototype.slice.call(document.querySelectorAll("aside.finding"));
  var marks = Array.prototype.slice.call(document.querySelectorAll("a.hl"));
  var byNumber = {};
  findings.forEach(function (card) { byNumber[card.id.slice(2)] = card; });
  var shown = document.querySelector(".shown");
  var current = -1;

  function openAround(element) {
    for (var node = element; node; node = node.parentElement) {
      if (node.tagName === "DETAILS" && !node.open) { node.open = true; }
    }
  }

  function numbers(mark) {
    return (mark.dataset.f + " " + mark.dataset.r).trim().split(/\s+/);
  }

  function applyFilters() {
    var off = {};
    document.querySelectorAll("input[data-filter]").forEach(function (box) {
      if (!box.checked) { off[box.dataset.filter + ":" + box.value] = true; }
    });
    var visible = 0;
    findings.forEach(function (card) {
      var hide = off["cat:" + card.dataset.cat] || off["sev:" + card.dataset.sev] ||
        (card.classList.contains("suppressed") && off["suppressed:shown"]);
      card.hidden = !!hide;
      if (!hide && !card.classList.contains("suppressed")) { visible += 1; }
    });
    marks.forEach(function (mark) {
      var any = numbers(mark).some(function (n) { return byNumber[n] && !byNumber[n].hidden; });
      mark.classList.toggle("off", !any);
      if (any) { mark.removeAttribute("tabindex"); } else { mark.setAttribute("tabindex", "-1"); }
    });
    var reported = findings.filter(function (card) { return !card.classList.contains("suppressed"); }).length;
    if (shown) { shown.textContent = "Showing " + visible + " of " + reported + " findings" +
      (reported < findings.length ? " (and " + (findings.length - reported) + " silenced)." : "."); }
  }

  function go(step) {
    var visible = findings.filter(function (card) { return !card.hidden; });
    if (!visible.length) { return; }
    var at = visible.indexOf(findings[current]);
    var next = at === -1 ? (step > 0 ? 0 : visible.length - 1) : (at + step + visible.length) % visible.length;
    select(visible[next]);
  }

  function select(card) {
    document.querySelectorAll(".current").forEach(function (node) { node.classList.remove("current"); });
    current = findings.indexOf(card);
    openAround(card);
    card.classList.add("current");
    var number = card.id.slice(2);
    marks.forEach(function (mark) {
      if (numbers(mark).indexOf(number) !== -1) { mark.classList.add("current"); }
    });
    var words = document.getElementById("m-" + number);
    (words || card).scrollIntoView({ block: "center" });
    card.focus({ preventScroll: true });
  }

  document.addEventListener("change", function (event) {
    if (event.target.matches("input[data-filter]")) { applyFilters(); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.target.matches("input, textarea, select")) { return; }
    if (event.key === "n" || event.key === "j") { go(1); event.preventDefault(); }
    if (event.key === "p" || event.key === "k") { go(-1); event.preventDefault(); }
  });
  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    if (!link) { return; }
    var target = document.getElementById(link.getAttribute("href").slice(1));
    if (target) { openAround(target); }
    if (target && target.matches("aside.finding")) { select(target); event.preventDefault(); }
  });
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (node) { node.open = true; });
  });
  if (location.hash) {
    var target = document.getElementById(location.hash.slice(1));
    if (target) { openAround(target); }
  }
  applyFilters();
})();
