// Makes the buurt map of /eigen-gebied clickable: a click on a buurt ticks or unticks its
// checkbox, so the form stays the one source of truth and works the same without this script.
for (const form of document.querySelectorAll('[data-module="buurt-picker"]')) {
  const boxes = new Map(
    [...form.querySelectorAll('input[name="buurt"]')].map((box) => [box.value, box]),
  );
  const shapes = [...form.querySelectorAll('.wk-map path[data-code]')].filter((p) =>
    boxes.has(p.dataset.code),
  );
  const status = form.querySelector('[data-picker-status]');
  const sync = () => {
    let count = 0;
    let inhabitants = 0;
    for (const box of boxes.values()) {
      if (!box.checked) continue;
      count += 1;
      inhabitants += Number(box.dataset.inwoners) || 0;
    }
    for (const shape of shapes) {
      const on = boxes.get(shape.dataset.code).checked;
      shape.classList.toggle('wk-map__buurt--lid', on);
      shape.classList.toggle('wk-map__buurt--overig', !on);
    }
    if (status) {
      status.textContent = `Gekozen: ${count} buurten, samen ${inhabitants.toLocaleString('nl-NL')} inwoners.`;
    }
  };
  for (const shape of shapes) {
    shape.classList.add('wk-map__buurt--klikbaar');
    shape.addEventListener('click', () => {
      const box = boxes.get(shape.dataset.code);
      box.checked = !box.checked;
      sync();
    });
  }
  form.addEventListener('change', sync);
  const hint = form.querySelector('[data-js-hint]');
  if (hint) hint.hidden = false;
  sync();
}
