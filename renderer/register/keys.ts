/** What each key does on the cashier screen; the screen performs the returned action. */

export type KeyAction =
  | { kind: 'newSale' }
  | { kind: 'openTender' }
  | { kind: 'closeTender' }
  | { kind: 'abortWallet' }
  | { kind: 'dismissBanner' }
  | { kind: 'clearCode' }
  | { kind: 'select'; delta: number }
  | { kind: 'voidSelected' }
  | { kind: 'stepQuantity'; delta: number }
  | { kind: 'setQuantity' }
  | { kind: 'submitCode' }
  | { kind: 'typeIntoCode'; char: string };

export interface KeyContext {
  key: string;
  tenderOpen: boolean;
  /** The wallet panel waits for the customer's code (its Abort button reads Esc). */
  walletEntering: boolean;
  bannerShown: boolean;
  /** What is in the code input now. */
  code: string;
  /** Where the key event happened. */
  target: 'code' | 'tender' | 'other-field' | 'button' | 'page';
}

export function keyAction(ctx: KeyContext): KeyAction | null {
  const { key } = ctx;
  if (key === 'F1') return { kind: 'newSale' };
  if (key === 'F4') return ctx.tenderOpen ? null : { kind: 'openTender' };
  if (key === 'Escape') {
    if (ctx.tenderOpen) return { kind: 'closeTender' };
    if (ctx.walletEntering) return { kind: 'abortWallet' };
    if (ctx.code !== '') return { kind: 'clearCode' };
    return ctx.bannerShown ? { kind: 'dismissBanner' } : null;
  }
  // While tendering, the amount input owns the keyboard (its form handles Enter).
  if (ctx.tenderOpen || ctx.target === 'tender' || ctx.target === 'other-field') return null;
  switch (key) {
    case 'ArrowUp':
      return { kind: 'select', delta: -1 };
    case 'ArrowDown':
      return { kind: 'select', delta: 1 };
    case 'Delete':
      return ctx.code === '' ? { kind: 'voidSelected' } : null;
    case '+':
      return { kind: 'stepQuantity', delta: 1 };
    case '-':
      return { kind: 'stepQuantity', delta: -1 };
    case '*':
      return { kind: 'setQuantity' };
    case 'Enter':
      // On a button, Enter presses the button.
      return ctx.target === 'button' ? null : { kind: 'submitCode' };
  }
  // A keyboard-wedge scanner types into whatever has focus: route characters to the code input.
  if ((ctx.target === 'page' || ctx.target === 'button') && key.length === 1 && /[0-9A-Za-z]/.test(key)) return { kind: 'typeIntoCode', char: key };
  return null;
}
