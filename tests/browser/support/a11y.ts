/// <reference lib="dom" />
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/*
 * Accessibility checks of a page as it is: axe-core's WCAG 2 A and AA rules (it looks into open
 * shadow roots), horizontal overflow, and which element has the keyboard focus (inside shadow
 * roots) and whether it is drawn.
 */

/** An axe violation, kept short for a failure message. */
export interface Violation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  /** Selectors of the offending nodes (shadow paths as arrays). */
  readonly targets: readonly string[];
}

/** The serious and critical WCAG 2 A/AA violations axe-core finds on `page` now. */
export async function seriousViolations(page: Page): Promise<Violation[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? null,
      help: violation.help,
      targets: violation.nodes.map((node) => JSON.stringify(node.target)),
    }));
}

/** How wide the document is: more than the viewport means a horizontal scroll. */
export function scrollWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

/** The element with the keyboard focus, looked for through shadow roots. */
export interface FocusedElement {
  readonly tag: string;
  readonly id: string;
  readonly type: string;
  /** Its text, its `aria-label`, or the text of its label. */
  readonly name: string;
  /** Whether it is drawn with an outline (a focus ring) right now. */
  readonly outlined: boolean;
}

/** The focused element (deepest, through shadow roots), or `null` on `<body>`. */
export function focused(page: Page): Promise<FocusedElement | null> {
  return page.evaluate(() => {
    let element: Element | null = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    if (element === null || element === document.body) return null;
    const style = getComputedStyle(element);
    const labels = (element as HTMLInputElement).labels;
    const name =
      element.getAttribute('aria-label') ??
      (labels !== undefined && labels !== null && labels.length > 0
        ? (labels[0]?.textContent ?? '')
        : (element.textContent ?? ''));
    return {
      tag: element.tagName.toLowerCase(),
      id: element.id,
      type: element.getAttribute('type') ?? '',
      name: name.replace(/\s+/g, ' ').trim(),
      outlined: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
    };
  });
}

/**
 * Presses Tab (Shift+Tab with `backwards`) until the focused element matches `wanted`; throws
 * after `limit` presses. Every element the focus stops on must show a focus ring: the elements
 * without one are listed in the error.
 */
export async function tabTo(
  page: Page,
  wanted: (element: FocusedElement) => boolean,
  { backwards = false, limit = 60 }: { backwards?: boolean; limit?: number } = {},
): Promise<FocusedElement> {
  const unringed: FocusedElement[] = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    const element = await focused(page);
    if (element === null) continue;
    // `<main>` takes the focus by script when the screen changes (for screen readers), not by
    // Tab: it is not a stop, and is drawn without a ring on purpose.
    if (!element.outlined && element.tag !== 'main') unringed.push(element);
    if (wanted(element)) {
      if (unringed.length > 0) {
        throw new Error(`focus without a visible ring on: ${JSON.stringify(unringed)}`);
      }
      return element;
    }
  }
  throw new Error(`no focusable element matched after ${limit} presses of Tab`);
}

/**
 * Every text the page holds for people, through shadow roots: text nodes (outside `<style>` and
 * `<script>`) and the `aria-label`, `title`, `alt` and `placeholder` attributes.
 */
export function deepText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts: string[] = [];
    const visit = (root: Document | ShadowRoot | Element) => {
      for (const node of Array.from(root.childNodes)) {
        if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
        if (!(node instanceof Element)) continue;
        if (node.tagName === 'STYLE' || node.tagName === 'SCRIPT') continue;
        for (const name of ['aria-label', 'title', 'alt', 'placeholder']) {
          const value = node.getAttribute(name);
          if (value !== null) parts.push(value);
        }
        if (node.shadowRoot !== null) visit(node.shadowRoot);
        visit(node);
      }
    };
    visit(document);
    return parts.join('\n').replace(/[ \t]+/g, ' ');
  });
}
