import { Button, Checkbox, DatePicker, Form, Input, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useNavigate } from 'react-router-dom';
import {
  AVAILABILITY,
  ID_TYPES,
  VOLUNTEER_SKILLS,
  VolunteerRegistrationInput,
} from '@linli/contracts/modules/volunteers';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useSchemaForm } from '../../../lib/schema-form';
import { useRegisterVolunteer } from '../api';
import { useVolunteersWords } from '../words';

/** 注册志愿者: real name, ID, skills, availability, emergency contact, consent; the community confirms it. */
export default function RegisterPage() {
  const w = useVolunteersWords();
  const navigate = useNavigate();
  const [form] = Form.useForm<Record<string, unknown>>();
  const register = useRegisterVolunteer({ form, success: () => w.mRegistered });
  const { validate } = useSchemaForm();
  const idType = Form.useWatch('idType', form) as string | undefined;
  return (
    <>
      <Typography.Title level={2}>{w.mRegisterTitle}</Typography.Title>
      <Form
        form={form}
        layout="vertical"
        size="large"
        initialValues={{ idType: 'resident_id', skills: [], availability: [], consent: false }}
        onFinish={async (values) => {
          const birth = values.birthDate as Dayjs | undefined;
          const input = validate(form, VolunteerRegistrationInput, {
            ...values,
            birthDate: birth ? birth.format('YYYY-MM-DD') : undefined,
            gender: values.gender || undefined,
          });
          if (input) await register.mutateAsync(input).then(() => navigate('/m'));
        }}
      >
        <Form.Item name="name" label={w.name} rules={[{ required: true }]}>
          <Input maxLength={40} autoComplete="name" data-testid="m-vol-name" />
        </Form.Item>
        <Form.Item name="idType" label={w.idType} rules={[{ required: true }]}>
          <Select data-testid="m-vol-id-type" options={ID_TYPES.map((t) => ({ value: t, label: w.idTypeLabel(t) }))} />
        </Form.Item>
        <Form.Item name="idNumber" label={w.idNumber} rules={[{ required: true }]}>
          <Input maxLength={30} data-testid="m-vol-id-number" />
        </Form.Item>
        {idType && idType !== 'resident_id' ? (
          <>
            <Form.Item name="gender" label={w.gender}>
              <Select
                allowClear
                data-testid="m-vol-gender"
                options={[
                  { value: 'male', label: w.male },
                  { value: 'female', label: w.female },
                ]}
              />
            </Form.Item>
            <Form.Item name="birthDate" label={w.birthDate}>
              <DatePicker style={{ width: '100%' }} inputReadOnly data-testid="m-vol-birth" />
            </Form.Item>
          </>
        ) : null}
        <Form.Item name="skills" label={w.skills}>
          <Checkbox.Group
            data-testid="m-vol-skills"
            style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(130px, 1fr))', gap: 8 }}
            options={VOLUNTEER_SKILLS.map((s) => ({ value: s, label: w.skill(s) }))}
          />
        </Form.Item>
        <Form.Item name="availability" label={w.availability}>
          <Checkbox.Group
            data-testid="m-vol-availability"
            style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(130px, 1fr))', gap: 8 }}
            options={AVAILABILITY.map((a) => ({ value: a, label: w.avail(a) }))}
          />
        </Form.Item>
        <Form.Item name="emergencyName" label={w.emergencyName} rules={[{ required: true }]}>
          <Input maxLength={40} data-testid="m-vol-emergency-name" />
        </Form.Item>
        <Form.Item name="emergencyPhone" label={w.emergencyPhone} rules={[{ required: true }]}>
          <Input maxLength={11} inputMode="numeric" data-testid="m-vol-emergency-phone" />
        </Form.Item>
        <Form.Item
          name="consent"
          valuePropName="checked"
          rules={[{ validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error(w.consentRequired))) }]}
        >
          <Checkbox data-testid="m-vol-consent">{w.consent}</Checkbox>
        </Form.Item>
        <ErrorAlert error={register.alertError} />
        <Button
          type="primary"
          htmlType="submit"
          block
          loading={register.isPending}
          data-testid="m-vol-submit"
          style={{ minHeight: 48 }}
        >
          {w.mRegisterSubmit}
        </Button>
      </Form>
    </>
  );
}
