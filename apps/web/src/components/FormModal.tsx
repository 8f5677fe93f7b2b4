import { useRef, useState, type ReactNode } from 'react';
import { Button, Form, Modal, type FormInstance, type FormProps } from 'antd';
import { useI18n } from '../i18n';
import { isApiError } from '../lib/api-client';
import { ErrorAlert } from './ErrorAlert';

export interface FormModalProps<V> {
  title: ReactNode;
  form: FormInstance<V>;
  /**
   * Sends the values; return the request's promise (`mutateAsync`). Until it settles the submit button is disabled
   * and further submits (a second click, Enter) are ignored.
   */
  onSubmit: (values: V) => Promise<unknown> | void;
  onClose: () => void;
  initialValues?: FormProps<V>['initialValues'];
  onValuesChange?: FormProps<V>['onValuesChange'];
  /** Defaults to 提交 / Submit. */
  okText?: string;
  okDanger?: boolean;
  okTestId?: string;
  okDisabled?: boolean;
  /** The error still to show (e.g. a mutation's `alertError`: field errors already sit on the form items). */
  error?: unknown;
  errorTestId?: string;
  width?: number;
  formTestId?: string;
  requiredMark?: boolean;
  /** Once set (the outcome of the request), shown instead of the form with a single close button. */
  result?: ReactNode;
  closeText?: string;
  closeTestId?: string;
  children?: ReactNode;
}

/**
 * A dialog holding one form: submit / cancel, the request's error, no double submit. Mount it only while open, so
 * every opening starts from fresh form state.
 */
export function FormModal<V extends object>(props: FormModalProps<V>) {
  const { t } = useI18n();
  const { form, onClose, result } = props;
  const busyRef = useRef(false);
  const [busy, setBusy] = useState(false);

  const handleFinish = async (values: V) => {
    if (busyRef.current) return;
    busyRef.current = true;
    setBusy(true);
    try {
      await props.onSubmit(values);
    } catch (error) {
      // API errors are shown through `error` (and on the form items); anything else is a bug worth surfacing.
      if (!isApiError(error)) throw error;
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={props.title}
      width={props.width}
      onCancel={onClose}
      destroyOnHidden
      okText={props.okText ?? t('app.submit')}
      cancelText={t('app.cancel')}
      onOk={() => form.submit()}
      confirmLoading={busy}
      okButtonProps={{
        danger: props.okDanger,
        disabled: busy || props.okDisabled,
        ...(props.okTestId ? { 'data-testid': props.okTestId } : {}),
      }}
      footer={
        result
          ? [
              <Button key="close" type="primary" onClick={onClose} data-testid={props.closeTestId}>
                {props.closeText ?? t('app.close')}
              </Button>,
            ]
          : undefined
      }
    >
      {result ?? (
        <Form<V>
          form={form}
          layout="vertical"
          requiredMark={props.requiredMark}
          initialValues={props.initialValues}
          onValuesChange={props.onValuesChange}
          onFinish={(values) => void handleFinish(values)}
          data-testid={props.formTestId}
        >
          {props.children}
        </Form>
      )}
      {props.error ? (
        <div style={{ marginTop: 12 }}>
          <ErrorAlert error={props.error} testId={props.errorTestId} />
        </div>
      ) : null}
    </Modal>
  );
}
