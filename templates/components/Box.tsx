import type { CSSProperties, ReactNode } from 'react';
import { styles } from './styles.ts';

/**
 * A layout table of one cell: padding, rules and backgrounds go on the cell, which every client honours (classic
 * Outlook ignores them on a `div` or a `table`). `boxHtml` in layout.mjml.ts writes the same markup for MJML.
 */
export function Box({ style, className, children }: { style: CSSProperties; className?: string; children: ReactNode }) {
  return (
    <LayoutTable>
      <tr>
        <td className={className} style={style}>
          {children}
        </td>
      </tr>
    </LayoutTable>
  );
}

/** A table used for layout only (`role="presentation"`), without spacing of its own. */
export function LayoutTable({ children }: { children: ReactNode }) {
  return (
    <table role="presentation" width="100%" cellPadding={0} cellSpacing={0} border={0} style={styles.table}>
      <tbody>{children}</tbody>
    </table>
  );
}
