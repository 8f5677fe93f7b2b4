declare module '../../../platform/events' {
  interface LinliEvents {
    /**
     * A planned visit was recorded (done, or could not be made). Emitted in the recording transaction; the cases
     * feature ticks off the case tasks the visit served, and later modules (points, notifications) hook in here.
     */
    'care.visit.recorded': {
      visitId: string;
      clientId: string;
      outcome: 'done' | 'missed';
      visitedOn: string;
      caseTaskIds: string[];
    };
  }
}

export {};
