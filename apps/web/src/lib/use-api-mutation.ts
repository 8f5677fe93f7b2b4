import { useState } from 'react';
import { App, type FormInstance } from 'antd';
import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useI18n, type MessageKey } from '../i18n';
import { applyFieldErrors } from './errors';

/** What an API module declares once per write: the call, and which cached answers it makes stale. */
export interface ApiMutationDef<TInput, TOutput> {
  mutationFn: (input: TInput) => Promise<TOutput>;
  /** Query-key prefixes refetched after a success (before the mutation counts as settled). */
  invalidates?: readonly QueryKey[];
}

/** What a screen adds where it uses the write. */
export interface ApiMutationOptions<TOutput> {
  /** The server's per-field messages (`fields`) land on this form's items. */
  form?: FormInstance;
  /** A toast after a success: a catalogue key, or a text made from the answer. */
  success?: MessageKey | ((output: TOutput) => string);
}

/**
 * One write to the API: refreshes the queries it makes stale, shows the success toast, and puts field errors on the
 * form. `alertError` is the error still to show in an ErrorAlert: null when the form items already show all of it.
 */
export function useApiMutation<TInput, TOutput>(
  def: ApiMutationDef<TInput, TOutput>,
  options: ApiMutationOptions<TOutput> = {},
) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { t, fieldErrorText } = useI18n();
  const [shownOnForm, setShownOnForm] = useState(false);
  const mutation = useMutation<TOutput, unknown, TInput>({
    mutationFn: def.mutationFn,
    onMutate: () => setShownOnForm(false),
    onSuccess: async (output) => {
      await Promise.all((def.invalidates ?? []).map((queryKey) => queryClient.invalidateQueries({ queryKey })));
      const { success } = options;
      const text = typeof success === 'function' ? success(output) : success ? t(success) : null;
      if (text) void message.success(text);
    },
    onError: (error) => {
      if (options.form) setShownOnForm(applyFieldErrors(options.form, error, fieldErrorText));
    },
  });
  return { ...mutation, alertError: shownOnForm ? null : mutation.error };
}

/** Declares a write once in a module's api.ts; screens call the returned hook with their own options. */
export function defineMutation<TInput, TOutput>(def: ApiMutationDef<TInput, TOutput>) {
  return (options?: ApiMutationOptions<TOutput>) => useApiMutation(def, options);
}
