// For a page that embeds the calculator in an iframe (<iframe data-retention-calculator …>):
// gives each such iframe the full width and no border, and fits its height to what the
// calculator reports, trusting only messages from that iframe's own window and origin. Styles
// are set from script, so a host with a strict Content-Security-Policy needs no inline style.
const frames = () => /** @type {NodeListOf<HTMLIFrameElement>} */ (document.querySelectorAll('iframe[data-retention-calculator]'));

for (const frame of frames()) Object.assign(frame.style, { width: '100%', border: '0', display: 'block' });

window.addEventListener('message', (event) => {
  if (event.data?.type !== 'retention-calculator:height' || !(event.data.height > 0)) return;
  for (const frame of frames()) {
    if (frame.contentWindow !== event.source || new URL(frame.src, window.location.href).origin !== event.origin) continue;
    frame.style.height = `${Math.ceil(Math.min(event.data.height, 20000))}px`;
  }
});
