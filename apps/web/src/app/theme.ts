import type { ThemeConfig } from 'antd';

/**
 * The Ant Design theme. Colours are chosen for WCAG 2.1 AA contrast (GB/T 37668; many users are older): every text
 * colour reaches 4.5:1 on white and on the light fills it sits on (e2e/specs/accessibility.spec.ts checks each page).
 *
 * - primary: Ant blue-7 (6.2:1 on white, 5.5:1 on the selected menu item's fill; white on it 6.2:1), links and
 *   primary buttons follow it;
 * - secondary, tertiary (descriptions, empty states) and placeholder text are darker than Ant's defaults
 *   (45 % and 25 % black, 3.4:1 and 1.8:1); disabled text keeps Ant's colour (WCAG exempts it);
 * - preset tag colours (green, orange, volcano…) draw their text with shade 7 on shade 1: those shades are moved one or
 *   two steps darker where Ant's fail (green-7 on green-1 is 3.4:1).
 */
/**
 * Shade 7 of each named palette, under both of Ant's names for it (`green7` and `green-7`: both become the CSS variable
 * --ant-green-7, and the second one wins).
 */
function darker(shade7: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(shade7).flatMap(([color, hex]) => [
      [`${color}7`, hex],
      [`${color}-7`, hex],
    ]),
  );
}

export const LINLI_THEME: ThemeConfig = {
  token: {
    colorPrimary: '#0958d9',
    colorInfo: '#0958d9',
    colorLink: '#0958d9',
    colorError: '#cf1322',
    colorTextSecondary: 'rgba(0, 0, 0, 0.68)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.64)',
    colorTextDescription: 'rgba(0, 0, 0, 0.64)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.58)',
    borderRadius: 6,
    ...darker({
      volcano: '#ad2102',
      orange: '#ad4e00',
      gold: '#874d00',
      yellow: '#876800',
      lime: '#3f6600',
      green: '#237804',
      cyan: '#006d75',
      magenta: '#9e1068',
    }),
  },
};
