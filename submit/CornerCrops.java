import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import javax.imageio.ImageIO;

/**
 * The inputs of the scaling runs in docs/scaling.md: the four corner crops of a size (1920x1080
 * unless given) of each image, written as NAME-0.png (top left) .. NAME-3.png (bottom right), NAME
 * being the file name up to "_by". Java's single-file launcher runs it, no build needed:
 *   java submit/CornerCrops.java OUT_DIR [--size 1920x1080] IMAGE...
 */
public class CornerCrops {

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: java submit/CornerCrops.java OUT_DIR [--size WxH] IMAGE...");
            System.exit(2);
        }
        File out = new File(args[0]);
        int first = 1;
        int width = 1920;
        int height = 1080;
        if (args[1].equals("--size")) {
            String[] wh = args[2].split("x");
            width = Integer.parseInt(wh[0]);
            height = Integer.parseInt(wh[1]);
            first = 3;
        }
        if (!out.isDirectory() && !out.mkdirs()) {
            throw new IOException("cannot create " + out);
        }
        for (int i = first; i < args.length; i++) {
            BufferedImage image = ImageIO.read(new File(args[i]));
            if (image == null || image.getWidth() < width || image.getHeight() < height) {
                throw new IOException(args[i] + ": not an image of at least " + width + "x" + height);
            }
            String name = new File(args[i]).getName().replaceAll("(_by.*)?\\.[^.]*$", "");
            int right = image.getWidth() - width;
            int bottom = image.getHeight() - height;
            int[][] corners = {{0, 0}, {right, 0}, {0, bottom}, {right, bottom}};
            for (int k = 0; k < corners.length; k++) {
                BufferedImage crop = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
                crop.getGraphics().drawImage(image.getSubimage(corners[k][0], corners[k][1], width, height), 0, 0, null);
                ImageIO.write(crop, "png", new File(out, name + "-" + k + ".png"));
            }
        }
    }
}
