// Key names as the tests write them (Playwright's: "Shift+Tab", "Space", "ArrowDown") for the engines that are
// not driven by Playwright. puppeteer's keyboard knows no combinations and calls the space bar ' '; WebDriver
// wants each key as one character of its own (W3C WebDriver, "keyboard actions": U+E000 and up).

/** `"Shift+Tab"` → `["Shift", "Tab"]`; a lone `"+"` stays itself. */
export function splitCombination(key) {
  if (key === '+' || !key.includes('+')) return [key];
  return key.split('+');
}

/** Playwright's key name → puppeteer's (the two agree on everything the tests press except the space bar). */
export const puppeteerKey = (name) => (name === 'Space' ? ' ' : name);

const WEBDRIVER_KEYS = {
  Backspace: '\uE003',
  Tab: '\uE004',
  Enter: '\uE007',
  Shift: '\uE008',
  Control: '\uE009',
  Alt: '\uE00A',
  Escape: '\uE00C',
  Space: ' ',
  PageUp: '\uE00E',
  PageDown: '\uE00F',
  End: '\uE010',
  Home: '\uE011',
  ArrowLeft: '\uE012',
  ArrowUp: '\uE013',
  ArrowRight: '\uE014',
  ArrowDown: '\uE015',
  Delete: '\uE017',
  Meta: '\uE03D',
};

/** Playwright's key name (or one character) → the WebDriver key value; an unknown name is an error, not text. */
export function webdriverKey(name) {
  if ([...name].length === 1) return name;
  const value = WEBDRIVER_KEYS[name];
  if (!value) throw new Error(`Unknown key "${name}": use one character or one of ${Object.keys(WEBDRIVER_KEYS).join(', ')}.`);
  return value;
}
