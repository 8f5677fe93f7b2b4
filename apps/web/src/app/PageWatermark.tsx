import { useEffect, useState, type ReactNode } from 'react';
import { Watermark } from 'antd';
import dayjs from 'dayjs';
import { DISPLAY_TZ } from '../lib/format';
import { useSession } from '../modules/auth';

const minuteNow = () => dayjs().tz(DISPLAY_TZ).format('YYYY-MM-DD HH:mm');

/** The current minute (China Standard Time), checked every 10 s so the shown minute is never more than 10 s late. */
function useMinute(): string {
  const [minute, setMinute] = useState(minuteNow);
  useEffect(() => {
    const timer = setInterval(() => setMinute(minuteNow()), 10_000);
    return () => clearInterval(timer);
  }, []);
  return minute;
}

/**
 * A faint watermark over the page with who is looking and when (as on exported files), so that a photo or screenshot
 * of personal data names its source. Ant's Watermark draws it as a background image on a layer that takes no clicks
 * (pointer-events: none) and no part in contrast checks; dialogs and drawers opened from the page carry it too.
 */
export function PageWatermark({ children }: { children: ReactNode }) {
  const { user } = useSession();
  const minute = useMinute();
  const lines = [`${user.displayName} ${user.username}`, minute];
  return (
    <div data-testid="page-watermark" data-watermark={lines.join(' ')} style={{ minHeight: '100%' }}>
      <Watermark
        content={lines}
        font={{ color: 'rgba(0, 0, 0, 0.07)', fontSize: 14 }}
        gap={[140, 120]}
        rotate={-22}
        style={{ minHeight: '100%' }}
      >
        {children}
      </Watermark>
    </div>
  );
}
