/* Quicksort (recursive, median of three, insertion sort for small ranges) of pseudo-random
   signed ints, checked sorted after every round. */
#include "rt.h"

const char bench_name[] = "sort";

#define N 4096
#define ROUNDS SCALED(300u)

static s32 a[N];

static void insertion_sort(s32 *v, int lo, int hi)
{
    for (int i = lo + 1; i <= hi; i++) {
        s32 x = v[i];
        int j = i - 1;
        while (j >= lo && v[j] > x) {
            v[j + 1] = v[j];
            j--;
        }
        v[j + 1] = x;
    }
}

static void swap(s32 *v, int i, int j)
{
    s32 t = v[i];
    v[i] = v[j];
    v[j] = t;
}

static void quicksort(s32 *v, int lo, int hi)
{
    while (hi - lo > 16) {
        int mid = lo + (hi - lo) / 2;
        if (v[mid] < v[lo])
            swap(v, mid, lo);
        if (v[hi] < v[lo])
            swap(v, hi, lo);
        if (v[hi] < v[mid])
            swap(v, hi, mid);
        s32 pivot = v[mid];
        int i = lo, j = hi;
        while (i <= j) {
            while (v[i] < pivot)
                i++;
            while (v[j] > pivot)
                j--;
            if (i <= j)
                swap(v, i++, j--);
        }
        /* Recurse into the smaller side so the stack stays shallow. */
        if (j - lo < hi - i) {
            quicksort(v, lo, j);
            lo = i;
        } else {
            quicksort(v, i, hi);
            hi = j;
        }
    }
    insertion_sort(v, lo, hi);
}

u32 bench_run(void)
{
    u32 seed = 2024, acc = 0;
    for (u32 r = 0; r < ROUNDS; r++) {
        for (int i = 0; i < N; i++)
            a[i] = (s32)lcg_next(&seed);
        quicksort(a, 0, N - 1);
        for (int i = 1; i < N; i++) {
            if (a[i - 1] > a[i])
                return 0xBAD50B7u;
        }
        acc = acc * 33 + (u32)a[r % N] + (u32)a[N / 2];
    }
    return acc;
}
