// The search box every search uses (the header, the home page, the catalog, the FAQ, petitions): a
// label above the text field and its button on one row. The form around it says where it goes.
export function SearchBox({ id, label, button, value, placeholder, accessKey }: { id: string; label: string; button: string; value?: string; placeholder?: string; accessKey?: string }) {
  return (
    <>
      <label for={id}>{label}</label>
      <span class="search-row">
        <input id={id} name="q" type="search" value={value} accessKey={accessKey} placeholder={placeholder} maxLength={200} />
        <button type="submit">{button}</button>
      </span>
    </>
  );
}
