/* Reference analysis with libebur128 for side-by-side timing against `mixconsole analyze`.
 * Same work: integrated, LRA, max momentary and short-term (polled every 100 ms), sample and
 * true peak per channel. Reads 16/24/32-bit PCM and 32-bit float WAV. Prototypes are declared
 * here so only the runtime library (libebur128-1) is needed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <math.h>

typedef struct ebur128_state ebur128_state;
ebur128_state *ebur128_init(unsigned int channels, unsigned long samplerate, int mode);
void ebur128_destroy(ebur128_state **st);
int ebur128_add_frames_int(ebur128_state *st, const int *src, size_t frames);
int ebur128_add_frames_float(ebur128_state *st, const float *src, size_t frames);
int ebur128_loudness_global(ebur128_state *st, double *out);
int ebur128_loudness_range(ebur128_state *st, double *out);
int ebur128_loudness_momentary(ebur128_state *st, double *out);
int ebur128_loudness_shortterm(ebur128_state *st, double *out);
int ebur128_sample_peak(ebur128_state *st, unsigned int ch, double *out);
int ebur128_true_peak(ebur128_state *st, unsigned int ch, double *out);
#define MODE_I ((1 << 2) | 1)
#define MODE_LRA ((1 << 3) | (1 << 1) | 1)
#define MODE_TP ((1 << 5) | (1 << 4) | 1)

static uint32_t u32(const unsigned char *p) { return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24; }

int main(int argc, char **argv) {
  if (argc < 2) { fprintf(stderr, "usage: ebur128_ref FILE.wav\n"); return 2; }
  FILE *f = fopen(argv[1], "rb");
  if (!f) { perror(argv[1]); return 1; }
  unsigned char h[12], ch[8], fmt[40];
  if (fread(h, 1, 12, f) != 12 || memcmp(h, "RIFF", 4) || memcmp(h + 8, "WAVE", 4)) { fprintf(stderr, "not WAV\n"); return 1; }
  unsigned channels = 0, rate = 0, bits = 0, tag = 0; long data = -1;
  while (fread(ch, 1, 8, f) == 8) {
    uint32_t size = u32(ch + 4);
    if (!memcmp(ch, "fmt ", 4)) {
      if (fread(fmt, 1, size < 40 ? size : 40, f) < 16) return 1;
      if (size > 40) fseek(f, size - 40, SEEK_CUR);
      tag = fmt[0] | fmt[1] << 8; channels = fmt[2] | fmt[3] << 8; rate = u32(fmt + 4); bits = fmt[14] | fmt[15] << 8;
      if (tag == 0xFFFE) tag = fmt[24] | fmt[25] << 8;
      if (size & 1) fseek(f, 1, SEEK_CUR);
    } else if (!memcmp(ch, "data", 4)) { data = size; break; }
    else fseek(f, size + (size & 1), SEEK_CUR);
  }
  if (data < 0 || !channels) { fprintf(stderr, "no data\n"); return 1; }
  ebur128_state *st = ebur128_init(channels, rate, MODE_I | MODE_LRA | MODE_TP);
  size_t bytes = bits / 8, step = rate / 10, frame = bytes * channels;
  unsigned char *raw = malloc(step * frame);
  int *ints = malloc(step * channels * sizeof(int));
  double maxm = -HUGE_VAL, maxs = -HUGE_VAL, v;
  size_t n;
  while ((n = fread(raw, frame, step, f)) > 0) {
    if (tag == 3 && bits == 32) ebur128_add_frames_float(st, (float *)raw, n);
    else {
      for (size_t i = 0; i < n * channels; i++) {
        const unsigned char *p = raw + i * bytes;
        ints[i] = bits == 16 ? (int)(int16_t)(p[0] | p[1] << 8) << 16
                : bits == 24 ? (int)((uint32_t)p[0] << 8 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 24)
                : (int)u32(p);
      }
      ebur128_add_frames_int(st, ints, n);
    }
    if (ebur128_loudness_momentary(st, &v) == 0 && v > maxm) maxm = v;
    if (ebur128_loudness_shortterm(st, &v) == 0 && v > maxs) maxs = v;
  }
  double il, lra, tp = 0, sp = 0;
  ebur128_loudness_global(st, &il);
  ebur128_loudness_range(st, &lra);
  for (unsigned c = 0; c < channels; c++) {
    ebur128_true_peak(st, c, &v); if (v > tp) tp = v;
    ebur128_sample_peak(st, c, &v); if (v > sp) sp = v;
  }
  printf("{\"integrated_lufs\": %.2f, \"loudness_range_lu\": %.2f, \"true_peak_dbtp\": %.2f, \"sample_peak_dbfs\": %.2f, \"max_momentary_lufs\": %.2f, \"max_short_term_lufs\": %.2f}\n",
         il, lra, 20 * log10(tp), 20 * log10(sp), maxm, maxs);
  ebur128_destroy(&st);
  free(raw); free(ints); fclose(f);
  return 0;
}
