package io.smc.provider.gcp.fake;

import com.google.protobuf.ByteString;
import java.util.zip.CRC32C;

/** CRC32C as Secret Manager uses it in {@code data_crc32c}: the checksum as an unsigned value in an int64. */
final class Checksums {
    private Checksums() {
    }

    static long crc32c(ByteString data) {
        CRC32C crc = new CRC32C();
        crc.update(data.asReadOnlyByteBuffer());
        return crc.getValue();
    }
}
