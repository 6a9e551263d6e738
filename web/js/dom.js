// Small DOM builders shared by the page's panels. Text only goes in through textContent.
export function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

// A <dl> of [term, value] rows, each in a <div> so the pair can be laid out together.
export function renderTerms(list, rows) {
  list.replaceChildren(...rows.map(([term, value]) => {
    const row = el('div');
    row.append(el('dt', term), el('dd', value));
    return row;
  }));
}

// A table's head and body from text: headings, then rows of [heading cell, ...cells]; a row may
// carry a class name as rows[i].className.
export function fillTable(table, headings, rows) {
  const head = el('tr');
  head.append(...headings.map((text) => el('th', text)));
  const body = el('tbody');
  body.append(...rows.map((cells) => {
    const row = el('tr', undefined, cells.className);
    row.append(el('th', cells[0]), ...cells.slice(1).map((text) => el('td', text)));
    return row;
  }));
  const thead = el('thead');
  thead.append(head);
  table.replaceChildren(thead, body);
}

// The file a file input was just given, as bytes, and the input cleared (so choosing the same file
// again reads it again): {name, bytes}, or null when none was chosen or it is larger than maxBytes,
// which the view (anything with showErrors and language) is told in words.
export async function takeChosenFile(input, maxBytes, view) {
  const file = input.files[0];
  input.value = '';
  if (!file) return null;
  if (file.size > maxBytes) {
    view.showErrors([{ message: view.language.t('file.too_large', { file: file.name, limit: maxBytes / 1e6 }) }]);
    return null;
  }
  return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}
