import type { IHeaders, Producer } from 'kafkajs';

/** Where a rejected message came from, and why it was rejected (SPEC §2 dead-letter headers). */
export interface DeadLetter {
  key: Buffer | string | null;
  value: Buffer | null;
  originalTopic: string;
  originalPartition: number;
  originalOffset: string;
  errorCode: string;
  errorMessage: string;
}

export const DEAD_LETTER_HEADERS = {
  errorCode: 'x-error-code',
  errorMessage: 'x-error-message',
  originalTopic: 'x-original-topic',
  originalPartition: 'x-original-partition',
  originalOffset: 'x-original-offset',
} as const;

const MAX_HEADER_MESSAGE = 1000;

export function deadLetterHeaders(letter: DeadLetter): IHeaders {
  return {
    [DEAD_LETTER_HEADERS.errorCode]: letter.errorCode,
    [DEAD_LETTER_HEADERS.errorMessage]: letter.errorMessage.slice(0, MAX_HEADER_MESSAGE),
    [DEAD_LETTER_HEADERS.originalTopic]: letter.originalTopic,
    [DEAD_LETTER_HEADERS.originalPartition]: String(letter.originalPartition),
    [DEAD_LETTER_HEADERS.originalOffset]: letter.originalOffset,
  };
}

/**
 * Sends the original bytes, untouched, to the dead-letter topic. One message per send: a batch limit applies
 * to everything one send puts on a partition, and rejected messages may be large.
 */
export class DeadLetterPublisher {
  constructor(
    private readonly producer: Producer,
    private readonly topic: string,
  ) {}

  async publish(letter: DeadLetter): Promise<void> {
    await this.producer.send({
      topic: this.topic,
      acks: -1,
      messages: [{ key: letter.key, value: letter.value, headers: deadLetterHeaders(letter) }],
    });
  }
}
