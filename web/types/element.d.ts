// <retention-calculator>, the embeddable element (web/js/element.js). Importing the module defines
// it; it renders in an open shadow root and loads the calculator's page markup, style.css, the
// language files and the wasm module from beside its own URL (the package's root).
import type { ScenarioDocument } from './wasm/shapes.js';

export type { ScenarioDocument } from './wasm/shapes.js';

/** The panels the `panels` attribute can add (space-separated); none by default. */
export type RetentionCalculatorPanel = 'cohorts' | 'transactions' | 'planner';

/** The element's attributes. All are read once, when the element is first connected. */
export interface RetentionCalculatorAttributes {
  /** JSON of the scenario fields to change from the defaults, e.g. '{"churn_percent": 3}'. Instead,
   *  a child <script type="application/json"> may hold it. JSON that is not an object is reported
   *  in the element and the defaults are used. */
  scenario?: string;
  /** Space-separated RetentionCalculatorPanel names; their workers need the element's own origin. */
  panels?: string;
  /** A language code of the package's i18n/ (en, bn, hy, ur); else the reader's browser decides. */
  lang?: string;
}

/** The element's configuration as the `scenario` attribute's JSON holds it. */
export type RetentionCalculatorScenario = Partial<ScenarioDocument>;

/** The element. It adds no properties, methods or events to HTMLElement's: it is configured by its
 *  attributes and themed by CSS custom properties on it (--accent, --ink, ...). */
export declare class RetentionCalculatorElement extends HTMLElement {
  connectedCallback(): Promise<void>;
}

declare global {
  interface HTMLElementTagNameMap {
    'retention-calculator': RetentionCalculatorElement;
  }
}
