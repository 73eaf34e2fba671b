"use strict";
(function () {
  var shown = document.querySelector(".shown");
  var counts = JSON.parse(document.querySelector("nav.filters").dataset.counts || "{}");
  var current = null;

  function all(selector, root) { return Array.prototype.slice.call((root || document).querySelectorAll(selector)); }
  function numbers(mark) { return (mark.dataset.f + " " + mark.dataset.r).trim().split(/\s+/); }

  // A large report keeps each page's section as a JSON string until it is opened.
  function materialise(details) {
    var lazy = details && details.querySelector(":scope > .lazy");
    if (!lazy) { return; }
    var data = document.getElementById("section-" + lazy.dataset.section);
    lazy.outerHTML = JSON.parse(data.textContent);
    applyFilters();
  }

  function openAround(element) {
    for (var node = element; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") { materialise(node); node.open = true; }
    }
  }

  function off() {
    var result = {};
    all("input[data-filter]").forEach(function (box) {
      if (!box.checked) { result[box.dataset.filter + ":" + box.value] = true; }
    });
    return result;
  }

  function applyFilters() {
    var hidden = off();
    all("aside.finding").forEach(function (card) {
      card.hidden = !!(hidden["cat:" + card.dataset.cat] || hidden["sev:" + card.dataset.sev] ||
        (card.classList.contains("suppressed") && hidden["suppressed:shown"]));
    });
    var byNumber = {};
    all("aside.finding").forEach(function (card) { byNumber[card.id.slice(2)] = card; });
    all("a.hl").forEach(function (mark) {
      var any = numbers(mark).some(function (n) { return byNumber[n] && !byNumber[n].hidden; });
      mark.classList.toggle("off", !any);
      if (any) { mark.removeAttribute("tabindex"); } else { mark.setAttribute("tabindex", "-1"); }
    });
    var visible = 0, total = 0;
    Object.keys(counts).forEach(function (key) {
      var parts = key.split("|");
      total += counts[key];
      if (!hidden["cat:" + parts[0]] && !hidden["sev:" + parts[1]]) { visible += counts[key]; }
    });
    var silenced = all("aside.finding.suppressed").length;
    if (shown) {
      shown.textContent = "Showing " + visible + " of " + total + " findings" + (silenced ? " (and " + silenced + " silenced)." : ".");
    }
  }

  function visibleCards() { return all("aside.finding").filter(function (card) { return !card.hidden; }); }

  function go(step) {
    var cards = visibleCards();
    var at = cards.indexOf(current);
    if (step > 0 && (at === -1 || at === cards.length - 1)) {
      // Past the last page opened: open the next page that has not been.
      var sections = all("details.file");
      var from = current ? sections.indexOf(current.closest("details.file")) + 1 : 0;
      for (var i = 0; i < sections.length; i += 1) {
        var section = sections[(from + i) % sections.length];
        if (section.querySelector(":scope > .lazy") || !section.open) {
          openAround(section);
          var fresh = visibleCards().filter(function (card) { return section.contains(card); });
          if (fresh.length) { select(fresh[0]); return; }
        }
      }
    }
    if (!cards.length) { return; }
    var next = at === -1 ? (step > 0 ? 0 : cards.length - 1) : (at + step + cards.length) % cards.length;
    select(cards[next]);
  }

  function select(card) {
    all(".current").forEach(function (node) { node.classList.remove("current"); });
    current = card;
    openAround(card);
    card.classList.add("current");
    var number = card.id.slice(2);
    all("a.hl").forEach(function (mark) {
      if (numbers(mark).indexOf(number) !== -1) { mark.classList.add("current"); }
    });
    var words = document.getElementById("m-" + number);
    (words || card).scrollIntoView({ block: "center" });
    card.focus({ preventScroll: true });
  }

  document.addEventListener("change", function (event) {
    if (event.target.matches("input[data-filter]")) { applyFilters(); }
  });
  document.addEventListener("toggle", function (event) {
    if (event.target.matches("details.file") && event.target.open) { materialise(event.target); }
  }, true);
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
    all("details").forEach(function (node) { materialise(node); node.open = true; });
  });
  if (location.hash) {
    var target = document.getElementById(location.hash.slice(1));
    if (target) { openAround(target); }
  }
  applyFilters();
})();
