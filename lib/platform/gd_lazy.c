/* gd_lazy.c: the libgd functions image_resize.c calls, each opening libgd at its first use (lazylib.h says why). */
#include <stddef.h>

#include <gd.h>

#include "lazylib.h"

void
gdSetErrorMethod(gdErrorMethod m)
{
	LAZYLIB_FN(lazylib_gd, gdSetErrorMethod, );
	fn(m);
}

gdImagePtr
gdImageCreateFromJpegPtrEx(int size, void *data, int ignore_warning)
{
	LAZYLIB_FN(lazylib_gd, gdImageCreateFromJpegPtrEx, NULL);
	return fn(size, data, ignore_warning);
}

gdImagePtr
gdImageCreateFromPngPtr(int size, void *data)
{
	LAZYLIB_FN(lazylib_gd, gdImageCreateFromPngPtr, NULL);
	return fn(size, data);
}

gdImagePtr
gdImageCreateFromWebpPtr(int size, void *data)
{
	LAZYLIB_FN(lazylib_gd, gdImageCreateFromWebpPtr, NULL);
	return fn(size, data);
}

void
gdImageDestroy(gdImagePtr im)
{
	LAZYLIB_FN(lazylib_gd, gdImageDestroy, );
	fn(im);
}

int
gdImagePaletteToTrueColor(gdImagePtr im)
{
	LAZYLIB_FN(lazylib_gd, gdImagePaletteToTrueColor, 0);
	return fn(im);
}

void
gdImageSaveAlpha(gdImagePtr im, int save)
{
	LAZYLIB_FN(lazylib_gd, gdImageSaveAlpha, );
	fn(im, save);
}

int
gdImageSetInterpolationMethod(gdImagePtr im, gdInterpolationMethod id)
{
	LAZYLIB_FN(lazylib_gd, gdImageSetInterpolationMethod, 0);
	return fn(im, id);
}

gdImagePtr
gdImageScale(const gdImagePtr im, const unsigned int w, const unsigned int h)
{
	LAZYLIB_FN(lazylib_gd, gdImageScale, NULL);
	return fn(im, w, h);
}

void *
gdImageWebpPtrEx(gdImagePtr im, int *size, int quantization)
{
	LAZYLIB_FN(lazylib_gd, gdImageWebpPtrEx, NULL);
	return fn(im, size, quantization);
}

void
gdFree(void *p)
{
	LAZYLIB_FN(lazylib_gd, gdFree, );
	fn(p);
}
