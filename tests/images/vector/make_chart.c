/* Writes chart.pdf: a two-page, matplotlib-style line chart drawn with cairo (axes, grid, ticks,
   tick labels, a legend, a title; page 2 a bar chart), the kind of PDF figure reports include.
   Build and run: cc make_chart.c $(pkg-config --cflags --libs cairo-pdf) -o make_chart && ./make_chart */
#include <cairo-pdf.h>
#include <math.h>
#include <stdio.h>

static void label(cairo_t *cr, double x, double y, const char *text, double align) {
    cairo_text_extents_t e;
    cairo_text_extents(cr, text, &e);
    cairo_move_to(cr, x - e.width * align, y);
    cairo_show_text(cr, text);
}

static void axes(cairo_t *cr, const char *title) {
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_set_line_width(cr, 0.5);
    cairo_set_source_rgb(cr, 0.85, 0.85, 0.85);
    for (int i = 0; i <= 5; ++i) {
        cairo_move_to(cr, 50, 250 - i * 40);
        cairo_line_to(cr, 390, 250 - i * 40);
    }
    cairo_stroke(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_set_line_width(cr, 1);
    cairo_rectangle(cr, 50, 50, 340, 200);
    cairo_stroke(cr);
    cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, 10);
    char buf[16];
    for (int i = 0; i <= 5; ++i) {
        snprintf(buf, sizeof buf, "%d", i * 20);
        label(cr, 45, 254 - i * 40, buf, 1);
    }
    cairo_set_font_size(cr, 14);
    label(cr, 220, 35, title, 0.5);
}

int main(void) {
    cairo_surface_t *s = cairo_pdf_surface_create("chart.pdf", 420, 290);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, "2026-01-01T00:00:00Z");
    cairo_t *cr = cairo_create(s);
    axes(cr, "Build duration per week");
    const double a[] = {62, 58, 71, 55, 49, 52, 44, 40}, b[] = {30, 35, 33, 41, 38, 45, 50, 47};
    const double *series[] = {a, b};
    const double colour[][3] = {{0.12, 0.47, 0.71}, {1.0, 0.5, 0.05}};
    cairo_set_line_width(cr, 2);
    for (int k = 0; k < 2; ++k) {
        cairo_set_source_rgb(cr, colour[k][0], colour[k][1], colour[k][2]);
        for (int i = 0; i < 8; ++i) {
            const double x = 60 + i * 45, y = 250 - series[k][i] * 2;
            if (i == 0) cairo_move_to(cr, x, y); else cairo_line_to(cr, x, y);
        }
        cairo_stroke(cr);
        for (int i = 0; i < 8; ++i) {
            cairo_arc(cr, 60 + i * 45, 250 - series[k][i] * 2, 3, 0, 2 * M_PI);
            cairo_fill(cr);
        }
    }
    cairo_set_font_size(cr, 10);
    cairo_set_source_rgb(cr, 0, 0, 0);
    for (int i = 0; i < 8; ++i) {
        char buf[8];
        snprintf(buf, sizeof buf, "W%d", i + 1);
        label(cr, 60 + i * 45, 265, buf, 0.5);
    }
    label(cr, 300, 70, "median minutes", 0);
    label(cr, 300, 85, "queue length", 0);
    cairo_set_source_rgb(cr, colour[0][0], colour[0][1], colour[0][2]);
    cairo_rectangle(cr, 285, 62, 10, 10);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, colour[1][0], colour[1][1], colour[1][2]);
    cairo_rectangle(cr, 285, 77, 10, 10);
    cairo_fill(cr);
    cairo_show_page(cr);

    axes(cr, "Failures by stage");
    const double bars[] = {12, 30, 8, 19};
    const char *names[] = {"lint", "test", "package", "deploy"};
    for (int i = 0; i < 4; ++i) {
        cairo_set_source_rgb(cr, 0.17, 0.63, 0.17);
        cairo_rectangle(cr, 80 + i * 80, 250 - bars[i] * 4, 40, bars[i] * 4);
        cairo_fill(cr);
        cairo_set_source_rgb(cr, 0, 0, 0);
        cairo_set_font_size(cr, 10);
        label(cr, 100 + i * 80, 265, names[i], 0.5);
    }
    cairo_show_page(cr);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
    return 0;
}
