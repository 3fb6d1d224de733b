/* global document, matchMedia */
// Disclosures open on a wide screen and folded on a phone: <details data-open-from="48rem">
// (the site menu, the catalog's filters). Without this script each keeps its server-side state.
for (const details of document.querySelectorAll('details[data-open-from]')) {
  const wide = matchMedia(`(min-width: ${details.dataset.openFrom})`);
  const follow = () => {
    details.open = wide.matches;
  };
  follow();
  wide.addEventListener('change', follow);
}
