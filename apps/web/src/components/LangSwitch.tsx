import { Button } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n';

/** Toggles 中文 / English; the button names the language it switches to. */
export function LangSwitch({ compact = false }: { compact?: boolean }) {
  const { lang, setLang, t } = useI18n();
  return (
    <Button
      data-testid="lang-switch"
      size={compact ? 'small' : 'middle'}
      icon={compact ? undefined : <GlobalOutlined />}
      title={t('lang.switchTitle')}
      lang={lang === 'en' ? 'zh-CN' : 'en'}
      onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')}
    >
      {t('lang.switch')}
    </Button>
  );
}
