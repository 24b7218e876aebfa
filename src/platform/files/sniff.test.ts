import { describe, expect, it } from 'vitest';
import { HEADS } from '../../../tests/helpers/media-files.ts';
import { declaredMatches, nameMatches, sniffType } from './sniff.ts';

const text = (s: string) => Buffer.from(s, 'latin1');

describe('sniffType', () => {
  it('knows each accepted type by its first bytes', () => {
    for (const [mime, head] of Object.entries(HEADS)) expect(sniffType(head)?.mime, mime).toBe(mime);
    expect(sniffType(HEADS['audio/mp4']!)).toEqual({ mime: 'audio/mp4', kind: 'audio', ext: 'm4a' });
    expect(sniffType(HEADS['video/mp4']!)).toEqual({ mime: 'video/mp4', kind: 'video', ext: 'mp4' });
    expect(sniffType(HEADS['application/pdf']!)?.kind).toBe('pdf');
    expect(sniffType(text('ID3\x04\0\0\0\0\x0fvTIT2'))?.mime).toBe('audio/mpeg');
  });

  it('tells Ogg video (Theora) from Ogg audio', () => {
    const theora = text('OggS\0\x02\0\0\0\0\0\0\0\0\x01\0\0\0\0\0\0\0\0\0\0\0\x01\x2a\x80theora\x03\x02');
    expect(sniffType(theora)).toEqual({ mime: 'video/ogg', kind: 'video', ext: 'ogv' });
  });

  it('refuses pages, SVG, programs, archives, text and what only looks like a known type', () => {
    const refused = [
      text('<!DOCTYPE html><html><script>alert(1)</script>'),
      text('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
      text('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"></svg>'),
      text('\ufeff<svg/>'),
      text('MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff'),
      text('\x7fELF\x02\x01\x01\0'),
      text('#!/bin/sh\nrm -rf /\n'),
      text('PK\x03\x04\x14\0\0\0\x08\0'),
      text('Just a note renamed to photo.jpg'),
      text('RIFF\x24\0\0\0AVI LIST'), // RIFF, but neither WebP nor WAVE
      Buffer.concat([Buffer.from([0, 0, 0, 24]), text('ftypheic\0\0\0\0mif1heic')]), // HEIC
      Buffer.from([0xff, 0xf1, 0x50, 0x80]), // AAC ADTS: sync, but not layer III
      Buffer.from([0xff, 0xfb, 0xf0, 0x64]), // MP3 sync with the forbidden bitrate
      Buffer.from('1a45dfa3934282887370726f636b6574', 'hex'), // EBML, another DocType
      text('%PD'),
      Buffer.alloc(0),
    ];
    for (const head of refused) expect(sniffType(head), head.toString('latin1')).toBeNull();
  });
});

describe('declaredMatches and nameMatches', () => {
  const jpeg = sniffType(HEADS['image/jpeg']!)!;
  const m4a = sniffType(HEADS['audio/mp4']!)!;
  const webm = sniffType(HEADS['video/webm']!)!;

  it('accepts the type and its usual other names', () => {
    expect(declaredMatches('image/jpeg', jpeg)).toBe(true);
    expect(declaredMatches('IMAGE/JPG; charset=binary', jpeg)).toBe(true);
    expect(declaredMatches('audio/x-m4a', m4a)).toBe(true);
    expect(declaredMatches('video/mp4', m4a)).toBe(true); // same container
    expect(declaredMatches('audio/webm', webm)).toBe(true);
  });

  it('refuses a file that lies about its type', () => {
    expect(declaredMatches('image/png', jpeg)).toBe(false);
    expect(declaredMatches('application/pdf', jpeg)).toBe(false);
    expect(declaredMatches('audio/mp4', webm)).toBe(false);
    expect(declaredMatches('text/html', jpeg)).toBe(false);
  });

  it('lets the content decide when nothing is claimed', () => {
    expect(declaredMatches('', jpeg)).toBe(true);
    expect(declaredMatches('application/octet-stream', jpeg)).toBe(true);
  });

  it('checks the extension of the name', () => {
    expect(nameMatches('IMG_0042.JPEG', jpeg)).toBe(true);
    expect(nameMatches('C:\\Users\\ana\\march', jpeg)).toBe(true);
    expect(nameMatches('march.png', jpeg)).toBe(false);
    expect(nameMatches('photo.jpg.html', jpeg)).toBe(false);
    expect(nameMatches('voice.m4a', m4a)).toBe(true);
    expect(nameMatches('voice.mp3', m4a)).toBe(false);
  });
});
