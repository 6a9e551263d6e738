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
