/** Languages offered for transcripts; the API accepts any code such as pt-BR. '' = no choice. */
export const TRANSCRIPT_LANGUAGES: [code: string, name: string][] = [
  ['en', 'English'],
  ['pt', 'Portuguese'],
  ['es', 'Spanish'],
  ['fr', 'French'],
  ['de', 'German'],
  ['it', 'Italian'],
  ['nl', 'Dutch'],
  ['ja', 'Japanese'],
];
