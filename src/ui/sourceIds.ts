/**
 * The sources the app offers, by id: what the page needs of them (a link picks one of these ids, never a URL). The
 * worker opens them (src/ui/browserSources.ts); the page never does.
 */
export type BrowserSourceId = 'deepstate-api' | 'archive' | 'owlmaps';

export const BROWSER_SOURCES: readonly { id: BrowserSourceId; title: string; detail: string }[] = [
  { id: 'deepstate-api', title: 'DeepStateMap versions', detail: 'every published map version, all classes' },
  { id: 'archive', title: 'DeepState daily archive', detail: 'one occupied-territory outline per day' },
  {
    id: 'owlmaps',
    title: 'UA Control Map',
    detail: 'an independent assessment (Project Owl), one day per file',
  },
];
