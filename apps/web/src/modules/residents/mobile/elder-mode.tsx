import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { ConfigProvider, type ThemeConfig } from 'antd';

/** Only this on/off flag is kept in web storage (no personal data, R-25), so the choice holds before sign-in. */
const STORAGE_KEY = 'linli.m.elder';

interface ElderMode {
  on: boolean;
  set(on: boolean): void;
}
const ElderModeContext = createContext<ElderMode>({ on: false, set: () => undefined });

function stored(): boolean {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === '1';
  } catch {
    return false;
  }
}

/**
 * 适老化 mode: large type (20 px body), strong contrast, 52 px controls. The normal mobile layout already uses 16 px
 * and 44 px touch targets.
 */
const ELDER_THEME: ThemeConfig['token'] = {
  fontSize: 20,
  fontSizeLG: 22,
  controlHeight: 52,
  controlHeightLG: 56,
  colorText: '#000000',
  colorTextSecondary: '#1a1a1a',
  colorTextDescription: '#1a1a1a',
  colorPrimary: '#0a3a80',
  colorLink: '#0a3a80',
  colorBorder: '#3a3a3a',
  lineWidth: 2,
};
const NORMAL_THEME: ThemeConfig['token'] = { fontSize: 16, controlHeight: 44, controlHeightLG: 48 };

export function ElderModeProvider({ children }: { children: ReactNode }) {
  const [on, setOn] = useState(stored);
  const value = useMemo<ElderMode>(
    () => ({
      on,
      set: (next) => {
        setOn(next);
        try {
          window.localStorage.setItem(STORAGE_KEY, next ? '1' : '0');
        } catch {
          // storage refused (private mode): the switch still holds for this page
        }
      },
    }),
    [on],
  );
  return (
    <ElderModeContext.Provider value={value}>
      <ConfigProvider theme={{ token: on ? ELDER_THEME : NORMAL_THEME }}>{children}</ConfigProvider>
    </ElderModeContext.Provider>
  );
}

export function useElderMode(): ElderMode {
  return useContext(ElderModeContext);
}
