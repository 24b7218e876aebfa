// What an uploaded file is, read from its first bytes and never from its name: a page or a script named
// photo.jpg is still a page or a script. Only the kinds evidence comes in are known (images, PDF, audio,
// video); everything else (HTML, SVG, which can carry script, archives, programs, text) is refused.

export type FileKind = 'image' | 'pdf' | 'audio' | 'video';

export interface SniffResult {
  mime: string;
  kind: FileKind;
  /** The usual extension, without the dot: for a published copy's name, never the uploader's. */
  ext: string;
}

/** How many first bytes `sniffType` needs to tell every known type apart (fewer at the end of a file). */
export const SNIFF_BYTES = 4096;

const ascii = (head: Buffer, at: number, text: string): boolean =>
  head.length >= at + text.length && head.toString('latin1', at, at + text.length) === text;

const starts = (head: Buffer, bytes: number[]): boolean =>
  head.length >= bytes.length && bytes.every((b, i) => head[i] === b);

const result = (mime: string, kind: FileKind, ext: string): SniffResult => ({ mime, kind, ext });

/** MPEG audio layer III frame header (no ID3 tag before it): sync, a real version, bitrate and rate. */
function mp3Frame(head: Buffer): boolean {
  if (head.length < 4 || head[0] !== 0xff || (head[1]! & 0xe0) !== 0xe0) return false;
  const version = (head[1]! >> 3) & 3;
  const layer = (head[1]! >> 1) & 3;
  const bitrate = head[2]! >> 4;
  const rate = (head[2]! >> 2) & 3;
  return version !== 1 && layer === 1 && bitrate !== 0 && bitrate !== 15 && rate !== 3;
}

const VIDEO_BRANDS = new Set(['isom', 'iso2', 'iso4', 'iso5', 'iso6', 'mp41', 'mp42', 'avc1', 'dash', 'M4V ', 'MSNV']);
const AUDIO_BRANDS = new Set(['M4A ', 'M4B ']);

/** ISO base media (MP4, M4A, MOV, 3GP): the `ftyp` box's major brand says which. */
function isoMedia(head: Buffer): SniffResult | null {
  if (!ascii(head, 4, 'ftyp') || head.length < 12) return null;
  const brand = head.toString('latin1', 8, 12);
  if (AUDIO_BRANDS.has(brand)) return result('audio/mp4', 'audio', 'm4a');
  if (VIDEO_BRANDS.has(brand)) return result('video/mp4', 'video', 'mp4');
  if (brand === 'qt  ') return result('video/quicktime', 'video', 'mov');
  if (brand.startsWith('3gp') || brand.startsWith('3g2')) return result('video/3gpp', 'video', '3gp');
  return null; // HEIC, AVIF, and brands not known to hold audio or video
}

/** Matroska/WebM: the EBML header's DocType, found within the first bytes. */
function matroska(head: Buffer): SniffResult | null {
  if (!starts(head, [0x1a, 0x45, 0xdf, 0xa3])) return null;
  const ebml = head.subarray(0, 64).toString('latin1');
  if (ebml.includes('\x42\x82\x84webm')) return result('video/webm', 'video', 'webm');
  if (ebml.includes('\x42\x82\x88matroska')) return result('video/x-matroska', 'video', 'mkv');
  return null;
}

/** The type of a file from its first bytes (give it `SNIFF_BYTES`, or the whole file if shorter); null: refused. */
export function sniffType(head: Buffer): SniffResult | null {
  if (starts(head, [0xff, 0xd8, 0xff])) return result('image/jpeg', 'image', 'jpg');
  if (starts(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return result('image/png', 'image', 'png');
  if (ascii(head, 0, 'GIF87a') || ascii(head, 0, 'GIF89a')) return result('image/gif', 'image', 'gif');
  if (ascii(head, 0, 'RIFF') && ascii(head, 8, 'WEBP')) return result('image/webp', 'image', 'webp');
  if (ascii(head, 0, 'RIFF') && ascii(head, 8, 'WAVE')) return result('audio/wav', 'audio', 'wav');
  if (ascii(head, 0, '%PDF-')) return result('application/pdf', 'pdf', 'pdf');
  if (ascii(head, 0, 'ID3') || mp3Frame(head)) return result('audio/mpeg', 'audio', 'mp3');
  if (ascii(head, 0, 'fLaC')) return result('audio/flac', 'audio', 'flac');
  if (ascii(head, 0, 'OggS')) {
    return head.includes('\x80theora', 0, 'latin1')
      ? result('video/ogg', 'video', 'ogv')
      : result('audio/ogg', 'audio', 'ogg');
  }
  return isoMedia(head) ?? matroska(head);
}

// Other names browsers and phones give the same types.
const ALIASES: Record<string, string> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'image/x-png': 'image/png',
  'application/x-pdf': 'application/pdf',
  'audio/mp3': 'audio/mpeg',
  'audio/mpeg3': 'audio/mpeg',
  'audio/x-mpeg': 'audio/mpeg',
  'audio/x-mp3': 'audio/mpeg',
  'audio/x-wav': 'audio/wav',
  'audio/wave': 'audio/wav',
  'audio/vnd.wave': 'audio/wav',
  'audio/x-flac': 'audio/flac',
  'audio/x-m4a': 'audio/mp4',
  'audio/m4a': 'audio/mp4',
  'audio/aac': 'audio/mp4',
  'video/x-m4v': 'video/mp4',
  'audio/webm': 'video/webm',
  'audio/x-matroska': 'video/x-matroska',
  'application/ogg': 'audio/ogg',
  'video/ogg': 'audio/ogg',
  'audio/3gpp': 'video/3gpp',
};

// Containers that hold sound or pictures alike: a phone's voice note in MP4 or WebM may be called either.
const CONTAINER: Record<string, string> = {
  'audio/mp4': 'mp4',
  'video/mp4': 'mp4',
  'video/quicktime': 'mp4',
  'video/3gpp': 'mp4',
  'video/webm': 'mkv',
  'video/x-matroska': 'mkv',
  'audio/ogg': 'ogg',
  'video/ogg': 'ogg',
};

const canonical = (mime: string): string => {
  const bare = mime.split(';')[0]!.trim().toLowerCase();
  return ALIASES[bare] ?? bare;
};

/**
 * Whether the type the upload declared (its Content-Type, which browsers take from the file's name)
 * agrees with its content. No claim (empty, or application/octet-stream, sent for names a browser does
 * not know) agrees with anything: the content alone decides. A claim of another type is a file that lies.
 */
export function declaredMatches(declaredMime: string, sniffed: SniffResult): boolean {
  const declared = canonical(declaredMime);
  if (declared === '' || declared === 'application/octet-stream') return true;
  const actual = canonical(sniffed.mime);
  if (declared === actual) return true;
  const family = CONTAINER[declared];
  return family !== undefined && family === CONTAINER[actual];
}

const EXTENSIONS: Record<string, string[]> = {
  jpg: ['jpg', 'jpeg', 'jpe', 'jfif'],
  mp4: ['mp4', 'm4v', 'm4a', 'mov', '3gp'],
  m4a: ['m4a', 'm4b', 'mp4', 'aac'],
  mov: ['mov', 'qt', 'mp4'],
  '3gp': ['3gp', '3gpp', '3g2', 'mp4'],
  webm: ['webm', 'mkv', 'weba'],
  mkv: ['mkv', 'mka', 'webm'],
  ogg: ['ogg', 'oga', 'opus', 'ogv'],
  ogv: ['ogv', 'ogg'],
};

/** Whether a file's name agrees with its content: no extension is no claim; another type's is a lie. */
export function nameMatches(fileName: string, sniffed: SniffResult): boolean {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  if (dot <= 0) return true;
  const ext = base.slice(dot + 1).toLowerCase();
  return (EXTENSIONS[sniffed.ext] ?? [sniffed.ext]).includes(ext);
}
