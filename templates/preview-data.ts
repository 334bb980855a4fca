/**
 * Synthetic sample data shared by the preview server, the tests, the bench and the CLI. Every paper, name and
 * organisation here is invented.
 */
export const SAMPLE_POSTAL_ADDRESS = 'Paperboy, 12 Rue des Exemples, 75000 Paris, France';
export const SAMPLE_BASE_URL = 'https://paperboy.example.org';

/** Recipient links as a real send would fill them in. */
export const SAMPLE_RECIPIENT = {
  manageUrl: `${SAMPLE_BASE_URL}/preferences?token=sample-manage-token`,
  unsubscribeUrl: `${SAMPLE_BASE_URL}/unsubscribe?token=sample-unsubscribe-token`,
} as const;

export const SAMPLE_TOPIC_LABELS = ['Visual RL', 'VLM reasoning', 'Robotics'];
