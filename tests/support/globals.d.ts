// What the e2e tests add to a page's window (page.evaluate runs their functions in the page).
export {};

declare global {
  interface Window {
    /** axe-core, injected by the accessibility test. */
    axe: { run(): Promise<{ violations: Array<Record<string, any>> }> };
    /** Long tasks and the fits shown, collected by the large-cohort test. */
    longTasks: number[];
    shownFits: string[];
    /** Whether the transaction panel said it was fitting, recorded by the transactions test. */
    sawFitting: boolean;
  }
}
