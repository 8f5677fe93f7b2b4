declare module '../../../platform/events' {
  interface LinliEvents {
    /**
     * A referral was sent to an organisation of the partner register. Emitted in the sending transaction; the partners
     * module tells the organisation's members (notification 'referral.received').
     */
    'care.referral.sent': { referralId: string; organisationId: string };
  }
}

export {};
