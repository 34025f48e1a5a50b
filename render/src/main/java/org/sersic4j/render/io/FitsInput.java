package org.sersic4j.render.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.Header;
import org.sersic4j.io.ErrorLine;
import org.sersic4j.io.InvalidInputException;

/** Opens a FITS file and walks its HDUs, turning every failure into an {@link InvalidInputException}. */
final class FitsInput {

    /** Looks at one HDU; returns a result to stop the walk or null to go on. */
    interface Visitor<T> {
        T visit(BasicHDU<?> hdu, int index) throws Exception;
    }

    private FitsInput() {
    }

    /** Walks the HDUs of {@code p} in order until the visitor returns a non-null result; null if it never does. */
    static <T> T walk(Path p, Visitor<T> visitor) {
        FitsHeaders.init();
        checkReadable(p);
        long length;
        boolean gzip;
        try {
            length = Files.size(p);
            if (length == 0) throw notFits(p, "empty file", null);
            gzip = checkStart(p);
        } catch (IOException e) {
            throw new InvalidInputException(p, "cannot read (" + ErrorLine.reason(e) + ")", e);
        }
        if (!gzip) {
            try {
                checkDeclaredSizes(p, length);
            } catch (IOException e) {
                throw new InvalidInputException(p, "cannot read (" + ErrorLine.reason(e) + ")", e);
            }
        }
        int index = 0;
        try (Fits fits = new Fits(p.toFile())) {
            while (true) {
                BasicHDU<?> hdu = fits.readHDU();
                if (hdu == null) {
                    if (index == 0) throw notFits(p, "no complete FITS header", null);
                    return null;
                }
                if (!gzip) checkComplete(p, hdu, index, length);
                T r = visitor.visit(hdu, index);
                if (r != null) return r;
                index++;
            }
        } catch (InvalidInputException e) {
            throw e;
        } catch (OutOfMemoryError e) {
            // a (compressed) header that announces more data than the heap can hold: nothing was allocated
            throw notFits(p, "its header announces more data than memory can hold", null);
        } catch (Exception e) {
            String where = index == 0 ? "" : "HDU " + (index + 1) + ": ";
            throw notFits(p, where + ErrorLine.reason(e), e);
        }
    }

    static InvalidInputException notFits(Path p, String detail, Throwable cause) {
        return new InvalidInputException(p, "truncated or not a FITS file (" + detail + ")", cause);
    }

    /** Throws unless {@code p} is an existing, readable regular file. */
    static void checkReadable(Path p) {
        if (!Files.exists(p)) throw new InvalidInputException(p, "file does not exist");
        if (Files.isDirectory(p)) throw new InvalidInputException(p, "is a directory, not a file");
        if (!Files.isReadable(p)) throw new InvalidInputException(p, "file is not readable (permission denied)");
    }

    /** True for a gzip-compressed file; throws unless the file starts with a FITS primary header or gzip magic. */
    private static boolean checkStart(Path p) throws IOException {
        byte[] head = new byte[9];
        int n;
        try (InputStream in = Files.newInputStream(p)) {
            n = in.readNBytes(head, 0, head.length);
        }
        if (n >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) return true;
        String s = new String(head, 0, n, StandardCharsets.US_ASCII);
        if (!s.equals("SIMPLE  =")) throw notFits(p, "it does not start with 'SIMPLE  ='", null);
        return false;
    }

    /** Checks that the data segment the header announces is really in the file. */
    private static void checkComplete(Path p, BasicHDU<?> hdu, int index, long fileLength) {
        long need = dataBytes(hdu.getHeader());
        if (need == 0 || hdu.getData() == null) return;
        long offset = hdu.getData().getFileOffset();
        if (offset < 0) return;
        if (offset + need > fileLength)
            throw notFits(p, "HDU " + (index + 1) + " announces " + need + " data bytes from offset " + offset
                    + " but the file ends at " + fileLength);
    }

    private static InvalidInputException notFits(Path p, String detail) {
        return notFits(p, detail, null);
    }

    /**
     * Reads the raw headers of every HDU, before the FITS library allocates anything, and refuses one whose data
     * would run past the end of the file (a header announcing 10⁵ × 10⁵ pixels in a file of a few kilobytes would
     * otherwise ask for gigabytes). Headers it cannot make sense of are left to the library to judge.
     */
    static void checkDeclaredSizes(Path p, long length) throws IOException {
        byte[] block = new byte[2880];
        try (java.nio.channels.SeekableByteChannel ch = Files.newByteChannel(p)) {
            long pos = 0;
            for (int index = 0; pos < length; index++) {
                java.util.Map<String, String> cards = new java.util.HashMap<>();
                long h = pos;
                boolean end = false;
                while (!end) {
                    if (h + 2880 > length || h - pos > 2880L * 10_000) return;   // incomplete or absurd: the library says why
                    ch.position(h);
                    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(block);
                    while (b.hasRemaining()) if (ch.read(b) < 0) return;
                    for (int c = 0; c < 36 && !end; c++) {
                        String card = new String(block, c * 80, 80, StandardCharsets.US_ASCII);
                        String key = card.substring(0, 8).trim();
                        if (key.equals("END")) end = true;
                        else if (card.charAt(8) == '=') {
                            String v = card.substring(10);
                            int slash = v.indexOf('/');
                            cards.putIfAbsent(key, (slash < 0 ? v : v.substring(0, slash)).trim());
                        }
                    }
                    h += 2880;
                }
                java.math.BigInteger data;
                try {
                    data = declaredBytes(cards);
                } catch (NumberFormatException e) {
                    return;
                }
                if (data.signum() < 0)
                    throw notFits(p, "HDU " + (index + 1) + " announces a negative data size");
                if (data.compareTo(java.math.BigInteger.valueOf(length - h)) > 0)
                    throw notFits(p, "HDU " + (index + 1) + " announces " + data + " data bytes but the file holds "
                            + (length - h) + " after its header");
                pos = h + (data.longValueExact() + 2879) / 2880 * 2880;
            }
        }
    }

    /** The data size the raw cards announce, exactly (no overflow). */
    private static java.math.BigInteger declaredBytes(java.util.Map<String, String> cards) {
        long naxis = Long.parseLong(cards.getOrDefault("NAXIS", "0"));
        if (naxis <= 0) return java.math.BigInteger.ZERO;
        if (naxis > 999) throw new NumberFormatException("NAXIS " + naxis);
        java.math.BigInteger n = java.math.BigInteger.ONE;
        for (int i = 1; i <= naxis; i++) n = n.multiply(java.math.BigInteger.valueOf(Long.parseLong(cards.getOrDefault("NAXIS" + i, "0"))));
        long bitpix = Long.parseLong(cards.getOrDefault("BITPIX", "8"));
        java.math.BigInteger pcount = java.math.BigInteger.valueOf(Long.parseLong(cards.getOrDefault("PCOUNT", "0")));
        java.math.BigInteger gcount = java.math.BigInteger.valueOf(Long.parseLong(cards.getOrDefault("GCOUNT", "1")));
        return java.math.BigInteger.valueOf(Math.abs(bitpix) / 8).multiply(gcount).multiply(pcount.add(n));
    }

    /** Unpadded data size from BITPIX, NAXISn, PCOUNT and GCOUNT (FITS standard 4.4.1). */
    static long dataBytes(Header h) {
        int naxis = h.getIntValue("NAXIS", 0);
        if (naxis <= 0) return 0;
        long n = 1;
        for (int i = 1; i <= naxis; i++) n = Math.multiplyExact(n, h.getLongValue("NAXIS" + i, 0));
        long bytesPer = Math.abs(h.getIntValue("BITPIX", 8)) / 8;
        return bytesPer * h.getLongValue("GCOUNT", 1) * (h.getLongValue("PCOUNT", 0) + n);
    }
}
