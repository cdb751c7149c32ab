/**
 * The small progress spinner shared by the method chooser (on a pending button) and the status bar (beside
 * a pending message). Decorative: always `aria-hidden`; the status text says what is going on.
 */
import { css } from 'lit';

// Why, rule by rule (kept out of the CSS so the bundle does not ship it):
// - `@media (prefers-reduced-motion: reduce)`: Nothing moves: the ring stands still, its gap still says
//   "working" (the status text says what).
// - `@media (forced-colors: active)`: A forced border colour would close the ring's gap (a static circle):
//   draw it in system colours, the gap in the background's.
export const spinner = css`
  .spinner {
    box-sizing: border-box;
    display: inline-block;
    flex: none;
    inline-size: 1em;
    block-size: 1em;
    border: 2px solid currentColor;
    border-block-start-color: transparent;
    border-radius: 50%;
    animation: mfa-spin 0.8s linear infinite;
  }

  @keyframes mfa-spin {
    to {
      transform: rotate(1turn);
    }
  }

  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation: none;
    }
  }

  @media (forced-colors: active) {
    .spinner {
      forced-color-adjust: none;
      border-color: CanvasText;
      border-block-start-color: Canvas;
    }
  }
`;
